"""County hand-in files (交账文件): keys, export at a county counter, import and status at the city.

The service API the 统计 → 交账 screen uses:
- keys.py: `own_key(db, user, county=None)` (the counter's key, made at first use) and `register_key(...)` at
  the city, `registered_keys(db)`;
- export.py: `export_month(db, user, year, month, target, county=None)`;
- imports.py: `import_file(db, user, path)` → ImportResult (what happened, in words to show);
- status.py: `handin_status(db, user)` → the 交账情况 of every county.
The file format and the rules: docs/handin.md.
"""
