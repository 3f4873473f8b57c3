"""Storage: the SQLite file (via sqlite-utils), migrations, audit trail and undo. Never imports Textual."""
