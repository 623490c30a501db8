"""Pure values and rules of the domain: dates, money, stages, errors. No I/O, no database."""
