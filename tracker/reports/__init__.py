"""The weekly status report: built once (weekly.py), written by one small writer per format."""
