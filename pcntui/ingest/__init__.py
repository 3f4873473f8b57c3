"""Reading input files (national publications and the user's CSVs) into validated records.

Parsers here are pure: they read a file and return records or raise ImportFileError
naming every bad row and column. They never touch the database or import Textual.
"""
