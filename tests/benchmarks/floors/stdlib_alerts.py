"""A lower bound for `tracker alerts` in Python: the standard library's sqlite3 and the three
milestone rules only (overdue, due soon within 14 days, slipped by more than 30 / 90 days), each
alert printed on two lines with its evidence and threshold, worst first.

    python stdlib_alerts.py DATABASE TODAY

It does less than tracker (no project-level rules, problems, forecast moves, per-milestone lead
times or deadline precision), so no Python program answering the whole question is faster.
"""

import sqlite3
import sys
from datetime import date, timedelta

database, today = sys.argv[1], date.fromisoformat(sys.argv[2])
soon = (today + timedelta(days=14)).isoformat()
conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT COALESCE(m.forecast, m.baseline) AS due, p.code, m.name, m.baseline, m.forecast "
    "FROM milestone m JOIN project p ON p.id = m.project_id "
    "WHERE m.done IS NULL AND (COALESCE(m.forecast, m.baseline) <= ? "
    "OR m.forecast > date(m.baseline, '+30 days'))",
    (soon,),
).fetchall()
day = date.fromisoformat
alerts = []
for due, code, name, baseline, forecast in rows:
    left = (day(due) - today).days
    if left < 0:
        alerts.append(
            (0, 0, due, code, name, f"due {due}, {-left} days ago; not done", "past its due day")
        )
    elif left <= 14:
        alerts.append((1, 7, due, code, name, f"due {due}, {left} days left", "within 14 days"))
    if forecast and baseline:
        slip = (day(forecast) - day(baseline)).days
        if slip > 30:
            alerts.append(
                (
                    0 if slip > 90 else 1,
                    2,
                    due,
                    code,
                    name,
                    f"forecast {forecast} is {slip} days after baseline {baseline}",
                    "more than 30 days late: amber; more than 90: red",
                )
            )
alerts.sort()
marks = ("R", "A")
sys.stdout.write(
    "".join(
        f"{marks[severity]}  {code}  {rule}  {name}\n     {evidence}  [threshold: {threshold}]\n"
        for severity, rule, _, code, name, evidence, threshold in alerts
    )
)
