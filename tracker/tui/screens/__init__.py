"""The screens of the terminal UI: dashboard, project, forms, help."""
