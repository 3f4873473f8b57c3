"""CSV output shared by every export: fixed columns, ISO dates, 2-place money, Excel-safe, atomic, 0600."""
