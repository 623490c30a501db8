"""The hot reads, in plain SQL over the DB-API driver: no ORM import on this path."""
