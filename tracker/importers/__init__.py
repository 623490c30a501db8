"""Importing the spreadsheets offices already have: read CSV/XLSX, map, validate, write in bulk.

reading.py turns a file into sheets of text cells; mapping.py says which column feeds which field
(native.py, gmpp.py, or a TOML mapping file); rows.py validates every row into project records
and a report of every bad cell; import_plan.py compares them with the database and builds the bulk
plan that tracker/store/write/bulk.py writes in one transaction.
"""
