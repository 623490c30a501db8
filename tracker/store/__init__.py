"""The database: tables, engine, migrations glue, backup; read/ in plain SQL, write/ the service."""
