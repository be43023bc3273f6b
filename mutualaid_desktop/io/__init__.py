"""Roster files: reading a unit's staff roster (.xlsx, .xls, .csv) and writing the bad rows back.

openpyxl, xlrd and csv are used only in this package."""
