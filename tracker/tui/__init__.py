"""The terminal UI (Textual). Only this package imports Textual; see app.py."""
