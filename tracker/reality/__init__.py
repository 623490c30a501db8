"""The reality check: forecasts corrected for optimism, from published uplifts and real history.

Pure modules (`types`, `uplifts`, `percentiles`, `reference_class`, `forecast`) beside one plain-SQL
reader (`history`). Nothing here imports the ORM or Textual.
"""
