"""The floor of `tracker remind` in Python: the standard library's sqlite3 answering the due-date
question (every open milestone due within 14 days, overdue ones included) and printing it.

    python stdlib_due.py DATABASE TODAY

No tracker code, no argument parsing, no settings, no problems or status updates owed: what any
Python program pays to start, open the file, run the query and print the rows.
"""

import sqlite3
import sys
from datetime import date, timedelta

database, today = sys.argv[1], date.fromisoformat(sys.argv[2])
until = (today + timedelta(days=14)).isoformat()
conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT COALESCE(m.forecast, m.baseline) AS due, p.code, m.name, m.owner "
    "FROM milestone m JOIN project p ON p.id = m.project_id "
    "WHERE m.done IS NULL AND COALESCE(m.forecast, m.baseline) <= ? ORDER BY due, p.code",
    (until,),
).fetchall()
sys.stdout.write("".join(f"{due}  {code}  {name}  {owner}\n" for due, code, name, owner in rows))
