-- pcntui database schema: the one source of truth for every table.
--
-- One SQLite file holds one PCN. Conventions:
--   * money is INTEGER pence (columns end in _pence), never REAL;
--   * dates are TEXT 'YYYY-MM-DD'; timestamps TEXT ISO 8601 UTC;
--   * financial years are TEXT '2024/25';
--   * `rev` counts edits to a row, so a second copy of the program cannot silently
--     overwrite a change it has not seen (optimistic locking).
-- The program sets PRAGMA application_id (0x50434E54, 'PCNT') and PRAGMA user_version
-- (pcntui/store/schema.py: SCHEMA_VERSION). Every statement here is idempotent
-- (IF NOT EXISTS), so an upgrade can re-run this file after its own migration steps.
-- Audit triggers on every table except meta/action/change are generated from the
-- table definitions at open time (pcntui/store/audit.py).

-- Facts about the file itself (schema history, when created).
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ---------------------------------------------------------------- audit trail
-- One row per user action (a form save, an import, an undo): one transaction, one undo step.
CREATE TABLE IF NOT EXISTS action (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    at         TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT 'cli',           -- 'cli' or 'tui'
    state      TEXT NOT NULL DEFAULT 'open'
               CHECK (state IN ('open', 'done', 'undone')),
    undoes     INTEGER REFERENCES action(id)          -- set on an undo action
);
CREATE INDEX IF NOT EXISTS action_state ON action(state, id);

-- Every row written by an action: before/after as JSON objects of the row's columns.
CREATE TABLE IF NOT EXISTS change (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES action(id),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,                     -- the row's rowid
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before      TEXT,
    after       TEXT
);
CREATE INDEX IF NOT EXISTS change_action ON change(action_id);

-- ---------------------------------------------------------------- the PCN
CREATE TABLE IF NOT EXISTS pcn (
    code         TEXT PRIMARY KEY CHECK (code GLOB 'U[0-9][0-9][0-9][0-9][0-9]'),
    name         TEXT NOT NULL,
    sub_icb_code TEXT,
    sub_icb_name TEXT,
    icb_code     TEXT,
    icb_name     TEXT,
    region_code  TEXT,
    region_name  TEXT,
    london_zone  TEXT NOT NULL DEFAULT 'national'
                 CHECK (london_zone IN ('national', 'inner', 'outer')),
    source       TEXT,                                -- file and extract date it came from
    rev          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS practice (
    code         TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][0-9][0-9][0-9][0-9][0-9]'),
    pcn_code     TEXT NOT NULL REFERENCES pcn(code),
    name         TEXT NOT NULL,
    postcode     TEXT,
    supplier     TEXT,                                -- clinical system: EMIS, TPP, ...
    sub_icb_code TEXT,
    icb_code     TEXT,
    map_date     TEXT,                                -- extract date of the practice map file
    rev          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS practice_pcn ON practice(pcn_code);

-- Registered list size per practice per extract (every extract kept).
CREATE TABLE IF NOT EXISTS list_size (
    practice_code TEXT NOT NULL REFERENCES practice(code),
    extract_date  TEXT NOT NULL,
    patients      INTEGER NOT NULL CHECK (patients >= 0),
    aged_65_plus  INTEGER CHECK (aged_65_plus >= 0),
    PRIMARY KEY (practice_code, extract_date)
);

-- IMD score per practice as published (Fingertips). Every practice in the imported file
-- is kept, not just the PCN's, so ranks and quintiles can be computed honestly against
-- the population the file covers (England only when the file is national).
CREATE TABLE IF NOT EXISTS practice_imd (
    practice_code TEXT NOT NULL,
    imd_year      INTEGER NOT NULL,
    score         REAL NOT NULL,
    practice_name TEXT,
    PRIMARY KEY (practice_code, imd_year)
);

-- User settings (key/value): as-of overrides, SMR minutes, ...
CREATE TABLE IF NOT EXISTS setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ================================================================= ARRS (issue 3)
-- (ARRS roles, rates, caps, entitlement, staff, planned posts go here.)

-- ================================================================= SMR (issue 4)
-- (SMR cohorts, targets, monthly counts, worklist go here.)
