"""tracker: keep a portfolio of major capital projects in hand, in the terminal."""

__version__ = "0.1.0"
