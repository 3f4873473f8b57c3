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
-- kind: 'do' (a save, an import), 'undo' (reverts a do or a redo), 'redo' (reverts an undo),
-- 'forget' (patient data erased for good: nothing before it can be undone or redone).
-- state: 'undone' once a later undo or redo has reverted the action.
CREATE TABLE IF NOT EXISTS action (
    id         INTEGER PRIMARY KEY,
    label      TEXT NOT NULL,
    at         TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT 'cli',           -- 'cli' or 'tui'
    state      TEXT NOT NULL DEFAULT 'open'
               CHECK (state IN ('open', 'done', 'undone')),
    undoes     INTEGER REFERENCES action(id),         -- set on an undo or redo: the action it reverts
    kind       TEXT NOT NULL DEFAULT 'do'
               CHECK (kind IN ('do', 'undo', 'redo', 'forget'))
);
CREATE INDEX IF NOT EXISTS action_state ON action(state, id);
CREATE INDEX IF NOT EXISTS action_kind ON action(kind, id);
CREATE INDEX IF NOT EXISTS action_undoes ON action(undoes) WHERE undoes IS NOT NULL;

-- Every row written by an action: before/after as JSON objects of the row's columns. A run of
-- rows a bulk import added (store/runs.py) is one change instead: op 'insert', no before/after,
-- row_id … last_row_id the rowids, every one added by the action; the rows themselves hold the
-- values it left (a later change to one is recorded as ever, its before being that value).
CREATE TABLE IF NOT EXISTS change (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES action(id),
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,                     -- the row's rowid (a run's first)
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    before      TEXT,
    after       TEXT,
    last_row_id INTEGER                               -- a run's last rowid; NULL for one row
);
CREATE INDEX IF NOT EXISTS change_action ON change(action_id);
-- The runs of added rows, by action: how many rows an action wrote (audit.rows_changed) is read
-- from indexes alone.
CREATE INDEX IF NOT EXISTS change_runs ON change(action_id, row_id, last_row_id) WHERE last_row_id IS NOT NULL;
-- The changes to the tables the ARRS figures are computed from, by action: finds the latest ARRS
-- change without reading every other change (store/arrs_recalc.py ARRS_TABLES; the same list).
CREATE INDEX IF NOT EXISTS change_arrs_action ON change(action_id)
    WHERE table_name IN ('staff', 'staff_terms', 'arrs_rate', 'arrs_role', 'employer_oncost_rate', 'pcn');
-- The latest action that wrote a table, for any table in a few steps (a status block's stamp).
CREATE INDEX IF NOT EXISTS change_table_action ON change(table_name, action_id);

-- `pcntui status` and the dashboard's figures, kept for the data version they were computed
-- from (store/status_cache.py): `version` = schema, program and latest action; `period` = as-of
-- date and year; `blocks` = the status blocks as JSON. Not audited; every action empties it
-- (the trigger), so a row never outlives the data it was computed from.
CREATE TABLE IF NOT EXISTS status_cache (
    version TEXT NOT NULL,
    period  TEXT NOT NULL,
    blocks  TEXT NOT NULL,
    PRIMARY KEY (version, period)
);
CREATE TRIGGER IF NOT EXISTS status_cache_stale AFTER INSERT ON action BEGIN DELETE FROM status_cache; END;
-- Each status block on its own, kept across actions (store/status_cache.py): valid while no action
-- has written a table it `reads` (its `stamp`: the latest such action's id and time, with the
-- latest forget's), so a change to one area recomputes that area's block only. `version` =
-- schema, program and the file's creation stamp. Not audited.
CREATE TABLE IF NOT EXISTS status_block (
    period  TEXT NOT NULL,
    block   TEXT NOT NULL,
    version TEXT NOT NULL,
    reads   TEXT NOT NULL,                            -- the tables it was computed from, comma-separated
    stamp   TEXT NOT NULL,
    data    TEXT NOT NULL,                            -- the block as JSON
    PRIMARY KEY (period, block)
);

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
-- ARRS staffing: the roster with effective-dated terms, planned posts, each year's
-- entitlement, NWRS census records, and the user's additions and corrections to the
-- shipped rule tables (pcntui/reference/arrs_*.csv, employer_oncosts.csv,
-- afc_pay_bands.csv). Reads merge the shipped files with these tables; a row here wins
-- over a shipped row with the same key. Exact decimals that are not money (WTE,
-- percentages, £ per weighted patient, which has fractions of a penny) are TEXT holding
-- the decimal as written, never REAL. `confirmed` = 0 marks a figure not confirmed.

-- An ARRS role added or corrected by the user (shipped roles: arrs_roles.csv).
CREATE TABLE IF NOT EXISTS arrs_role (
    code                      TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z0-9_]*'),
    name                      TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    aliases                   TEXT NOT NULL DEFAULT '',   -- other names, separated by '|'
    eligible_from             TEXT,
    eligible_to               TEXT,
    band_min                  TEXT,                       -- Agenda for Change band, e.g. '7'
    band_max                  TEXT,                       -- e.g. '8a'
    requires_supervisor       INTEGER NOT NULL DEFAULT 0 CHECK (requires_supervisor IN (0, 1)),
    requires_registration     INTEGER NOT NULL DEFAULT 0 CHECK (requires_registration IN (0, 1)),
    registration_body         TEXT NOT NULL DEFAULT '',
    requires_training_pathway INTEGER NOT NULL DEFAULT 0 CHECK (requires_training_pathway IN (0, 1)),
    training_pathway          TEXT NOT NULL DEFAULT '',
    confirmed                 INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source                    TEXT NOT NULL DEFAULT '',
    note                      TEXT NOT NULL DEFAULT '',
    rev                       INTEGER NOT NULL DEFAULT 0,
    no_recent_employment_months INTEGER CHECK (no_recent_employment_months IS NULL OR no_recent_employment_months > 0)
);

-- Maximum reimbursable amount per WTE per year for a role (and AfC band), from a date
-- (`import rates`). annual_max is the maximum at the row's reimbursement_pct. A row with a
-- band applies to staff of that band; band '' to the rest.
CREATE TABLE IF NOT EXISTS arrs_rate (
    role_code              TEXT NOT NULL,
    band                   TEXT NOT NULL DEFAULT '',
    effective_from         TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    annual_max_pence       INTEGER NOT NULL CHECK (annual_max_pence > 0),
    inner_london_max_pence INTEGER CHECK (inner_london_max_pence > 0),
    outer_london_max_pence INTEGER CHECK (outer_london_max_pence > 0),
    reimbursement_pct      TEXT NOT NULL
                           CHECK (CAST(reimbursement_pct AS REAL) > 0 AND CAST(reimbursement_pct AS REAL) <= 100),
    confirmed              INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source                 TEXT NOT NULL DEFAULT '',      -- file name it was imported from, or 'form'
    note                   TEXT NOT NULL DEFAULT '',
    rev                    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (role_code, band, effective_from)
);

-- Cap on the WTE of a role a PCN may claim for, for years fy_from..fy_to (NULL: onwards).
-- Both limits NULL = no cap (removes a shipped cap for those years).
CREATE TABLE IF NOT EXISTS arrs_cap (
    role_code          TEXT NOT NULL,
    fy_from            TEXT NOT NULL CHECK (fy_from GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    fy_to              TEXT CHECK (fy_to IS NULL OR fy_to GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    max_wte_under_100k TEXT CHECK (max_wte_under_100k IS NULL OR CAST(max_wte_under_100k AS REAL) >= 0),
    max_wte_100k_plus  TEXT CHECK (max_wte_100k_plus IS NULL OR CAST(max_wte_100k_plus AS REAL) >= 0),
    confirmed          INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source             TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    rev                INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (role_code, fy_from)
);

-- £ per weighted patient for a year's Additional Roles Reimbursement Sum, and for the
-- ring-fenced GP sum in a year that has one (2024/25).
CREATE TABLE IF NOT EXISTS arrs_funding_rate (
    fy               TEXT PRIMARY KEY CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    rate_per_patient TEXT NOT NULL CHECK (CAST(rate_per_patient AS REAL) > 0),
    population_date  TEXT,
    confirmed        INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source           TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    rev              INTEGER NOT NULL DEFAULT 0,
    gp_rate_per_patient TEXT CHECK (gp_rate_per_patient IS NULL OR CAST(gp_rate_per_patient AS REAL) > 0)
);

-- Employer NI (above an annual threshold) and pension, for default on-costs in a year.
CREATE TABLE IF NOT EXISTS employer_oncost_rate (
    fy                 TEXT PRIMARY KEY CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    employer_ni_pct    TEXT NOT NULL CHECK (CAST(employer_ni_pct AS REAL) >= 0),
    ni_threshold_pence INTEGER NOT NULL CHECK (ni_threshold_pence >= 0),
    pension_pct        TEXT NOT NULL CHECK (CAST(pension_pct AS REAL) >= 0),
    confirmed          INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source             TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    rev                INTEGER NOT NULL DEFAULT 0
);

-- Agenda for Change pay range of a band in a year (used only to warn about salaries).
CREATE TABLE IF NOT EXISTS afc_pay_band (
    fy         TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    band       TEXT NOT NULL,
    min_pence  INTEGER NOT NULL CHECK (min_pence > 0),
    max_pence  INTEGER NOT NULL CHECK (max_pence >= min_pence),
    confirmed  INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    rev        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (fy, band)
);

-- The PCN's ARRS entitlement for a year: weighted population × rate, or an amount entered;
-- in a year with a ring-fenced GP sum, the GP pot too (weighted population × GP rate).
CREATE TABLE IF NOT EXISTS arrs_entitlement (
    fy                  TEXT PRIMARY KEY CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    weighted_population INTEGER CHECK (weighted_population > 0),
    rate_per_patient    TEXT CHECK (rate_per_patient IS NULL OR CAST(rate_per_patient AS REAL) > 0),
    amount_pence        INTEGER NOT NULL CHECK (amount_pence > 0),
    note                TEXT NOT NULL DEFAULT '',
    rev                 INTEGER NOT NULL DEFAULT 0,
    gp_rate_per_patient TEXT CHECK (gp_rate_per_patient IS NULL OR CAST(gp_rate_per_patient AS REAL) > 0),
    gp_amount_pence     INTEGER CHECK (gp_amount_pence IS NULL OR gp_amount_pence > 0),  -- the ring-fenced GP pot
    estimated           INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1))  -- 1: 'year start' carried last year's population
);

-- The roster: everyone the PCN employs or has deployed to it, ARRS-funded or not
-- (arrs_funded = 0: baseline or otherwise funded staff, listed and never claimed).
-- WTE and salary live in staff_terms, effective-dated. reimbursement_pct (NULL: the role's)
-- overrides the role's % for this person, e.g. a second MHP at 100%.
CREATE TABLE IF NOT EXISTS staff (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role_code           TEXT NOT NULL,
    start_date          TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date            TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    arrs_funded         INTEGER NOT NULL DEFAULT 1 CHECK (arrs_funded IN (0, 1)),
    practice            TEXT NOT NULL DEFAULT '',
    band                TEXT NOT NULL DEFAULT '',
    employer            TEXT NOT NULL DEFAULT '',
    supervisor          TEXT NOT NULL DEFAULT '',
    registration_number TEXT NOT NULL DEFAULT '',
    registration_expiry TEXT,
    training_pathway    TEXT NOT NULL DEFAULT ''
                        CHECK (training_pathway IN ('', 'not started', 'enrolled', 'completed', 'not required')),
    nwrs_id             TEXT NOT NULL DEFAULT '',         -- UNIQUE_IDENTIFIER in the NWRS file
    note                TEXT NOT NULL DEFAULT '',
    rev                 INTEGER NOT NULL DEFAULT 0,
    reimbursement_pct   TEXT CHECK (reimbursement_pct IS NULL OR (CAST(reimbursement_pct AS REAL) > 0 AND CAST(reimbursement_pct AS REAL) <= 100)),
    estimated           INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),  -- salary/start guessed (NWRS seed)
    previously_employed_until TEXT                        -- last day employed by the PCN or a member practice
);
CREATE INDEX IF NOT EXISTS staff_role ON staff(role_code, start_date);
CREATE INDEX IF NOT EXISTS staff_name ON staff(name COLLATE NOCASE);

-- A staff member's WTE, full-time annual salary and on-cost from a date (the first row
-- from the start date). oncost_pct NULL = from the year's employer NI and pension rules.
CREATE TABLE IF NOT EXISTS staff_terms (
    staff_id         INTEGER NOT NULL REFERENCES staff(id),
    effective_from   TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    wte              TEXT NOT NULL CHECK (CAST(wte AS REAL) > 0 AND CAST(wte AS REAL) <= 1),
    fte_salary_pence INTEGER NOT NULL CHECK (fte_salary_pence > 0),
    oncost_pct       TEXT CHECK (oncost_pct IS NULL OR (CAST(oncost_pct AS REAL) >= 0 AND CAST(oncost_pct AS REAL) < 100)),
    rev              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (staff_id, effective_from)
);

-- A post the PCN means to fill; feeds the forecast while planned/advertised/offered.
CREATE TABLE IF NOT EXISTS planned_post (
    id               INTEGER PRIMARY KEY,
    role_code        TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    wte              TEXT NOT NULL CHECK (CAST(wte AS REAL) > 0 AND CAST(wte AS REAL) <= 1),
    expected_start   TEXT NOT NULL CHECK (expected_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    expected_end     TEXT CHECK (expected_end IS NULL OR expected_end >= expected_start),
    fte_salary_pence INTEGER NOT NULL CHECK (fte_salary_pence > 0),
    oncost_pct       TEXT CHECK (oncost_pct IS NULL OR (CAST(oncost_pct AS REAL) >= 0 AND CAST(oncost_pct AS REAL) < 100)),
    status           TEXT NOT NULL DEFAULT 'planned'
                     CHECK (status IN ('planned', 'advertised', 'offered', 'filled', 'withdrawn')),
    filled_by        INTEGER REFERENCES staff(id),
    note             TEXT NOT NULL DEFAULT '',
    rev              INTEGER NOT NULL DEFAULT 0
);

-- One row of the NWRS PCN workforce file for a PCN and census (every census kept;
-- contracted-services rows are pooled and have no unique_identifier).
CREATE TABLE IF NOT EXISTS nwrs_record (
    id                  INTEGER PRIMARY KEY,
    pcn_code            TEXT NOT NULL,
    census_date         TEXT NOT NULL,                    -- last day of the census month
    data_source         TEXT NOT NULL,                    -- 'NWRS Staff' or 'NWRS contracted services'
    staff_group         TEXT NOT NULL DEFAULT '',
    staff_role          TEXT NOT NULL DEFAULT '',
    detailed_staff_role TEXT NOT NULL DEFAULT '',
    fte                 TEXT NOT NULL CHECK (CAST(fte AS REAL) >= 0),
    unique_identifier   TEXT NOT NULL DEFAULT '',
    source_file         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS nwrs_record_census ON nwrs_record(pcn_code, census_date);

-- ================================================================= SMR (issue 4)
-- Structured Medication Review cohorts, targets, monthly counts, capacity, worklist.
-- Shipped cohorts (pcntui/reference/smr_cohorts.toml) get an smr_cohort row the first
-- time an SMR action runs (so counts can refer to them); their years stay in the file.
-- smr_cohort_year holds only the user's corrections and additions. Reads merge the
-- shipped file with these tables (a row here wins).

-- A priority cohort: shipped ('reference') or defined by the user ('user').
CREATE TABLE IF NOT EXISTS smr_cohort (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[A-Z]*' AND code NOT GLOB '*[^A-Z0-9_]*'),
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition  TEXT NOT NULL DEFAULT '',
    aliases     TEXT NOT NULL DEFAULT '',                 -- other names, separated by '|'
    origin      TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('reference', 'user')),
    sort_order  INTEGER NOT NULL DEFAULT 100,
    rev         INTEGER NOT NULL DEFAULT 0
);

-- What a cohort is in one financial year: a DES priority group or not, and the IIF
-- indicator it maps to. The indicator's thresholds (% of the cohort reviewed) are the
-- iif_indicator row of the same year and indicator: one set of thresholds, not two.
CREATE TABLE IF NOT EXISTS smr_cohort_year (
    cohort_code    TEXT NOT NULL REFERENCES smr_cohort(code),
    fy             TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    des_priority   INTEGER NOT NULL DEFAULT 1 CHECK (des_priority IN (0, 1)),
    des_confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (des_confirmed IN (0, 1)),
    iif_indicator  TEXT,                                  -- e.g. SMR-01B; NULL = none
    iif_confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (iif_confirmed IN (0, 1)),
    note           TEXT,
    rev            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cohort_code, fy)
);

-- The PCN's target for a cohort in a year: a % of the eligible patients, or a count.
CREATE TABLE IF NOT EXISTS smr_target (
    cohort_code  TEXT NOT NULL REFERENCES smr_cohort(code),
    fy           TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    kind         TEXT NOT NULL CHECK (kind IN ('percent', 'count')),
    value        REAL NOT NULL CHECK (value >= 0 AND (kind = 'count' OR value <= 100)),
    rev          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (cohort_code, fy)
);

-- One practice's monthly search result for one cohort (every snapshot kept).
-- Counts are year-to-date: completed = patients in the cohort with an SMR this year.
CREATE TABLE IF NOT EXISTS smr_count (
    practice_code  TEXT NOT NULL REFERENCES practice(code),
    cohort_code    TEXT NOT NULL REFERENCES smr_cohort(code),
    as_of          TEXT NOT NULL,
    eligible       INTEGER NOT NULL CHECK (eligible >= 0),
    invited        INTEGER CHECK (invited >= 0),
    completed      INTEGER NOT NULL CHECK (completed >= 0),
    declined       INTEGER CHECK (declined >= 0),
    source         TEXT,                                  -- file name, 'form' or 'demo'
    rev            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (practice_code, cohort_code, as_of)
);
CREATE INDEX IF NOT EXISTS smr_count_cohort ON smr_count(cohort_code, as_of);

-- Share of a roster member's time given to SMRs (staff_id = the ARRS staff row's id;
-- no foreign key so this table does not depend on the ARRS tables' shape).
CREATE TABLE IF NOT EXISTS smr_capacity_share (
    staff_id   INTEGER PRIMARY KEY,
    share_pct  REAL NOT NULL CHECK (share_pct BETWEEN 0 AND 100),
    rev        INTEGER NOT NULL DEFAULT 0
);

-- Optional pseudonymous worklist: one row per patient the PCN tracks, known by the
-- practice's own reference; the NHS number is optional and passes modulus 11.
CREATE TABLE IF NOT EXISTS smr_worklist (
    id              INTEGER PRIMARY KEY,
    practice_code   TEXT NOT NULL REFERENCES practice(code),
    reference       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(reference)) > 0),
    nhs_number      TEXT CHECK (nhs_number IS NULL OR
                                (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*')),
    status          TEXT NOT NULL DEFAULT 'identified'
                    CHECK (status IN ('identified', 'invited', 'booked', 'completed',
                                      'declined', 'not_suitable')),
    identified_on   TEXT,
    invited_on      TEXT,
    booked_on       TEXT,                                 -- the appointment date
    reviewed_on     TEXT,                                 -- the SMR itself (status completed)
    reviewer        TEXT,                                 -- a staff member's name
    meds_stopped    INTEGER CHECK (meds_stopped >= 0),
    meds_changed    INTEGER CHECK (meds_changed >= 0),
    meds_started    INTEGER CHECK (meds_started >= 0),
    follow_up_due   TEXT,
    note            TEXT,
    rev             INTEGER NOT NULL DEFAULT 0,
    cohorts         TEXT NOT NULL DEFAULT '',             -- its cohort codes in code order, ';' between
                                                          -- (derived from smr_worklist_cohort: store/derived.py)
    UNIQUE (practice_code, reference)
);
CREATE INDEX IF NOT EXISTS smr_worklist_status ON smr_worklist(status, practice_code, reference);
CREATE INDEX IF NOT EXISTS smr_worklist_follow_up
    ON smr_worklist(coalesce(follow_up_due, '9999-12-31'), id);
CREATE INDEX IF NOT EXISTS smr_worklist_nhs ON smr_worklist(nhs_number) WHERE nhs_number IS NOT NULL;

-- The cohort(s) each worklist patient is in.
CREATE TABLE IF NOT EXISTS smr_worklist_cohort (
    worklist_id  INTEGER NOT NULL REFERENCES smr_worklist(id) ON DELETE CASCADE,
    cohort_code  TEXT NOT NULL REFERENCES smr_cohort(code),
    PRIMARY KEY (worklist_id, cohort_code)
);
CREATE INDEX IF NOT EXISTS smr_worklist_cohort_by_cohort ON smr_worklist_cohort(cohort_code, worklist_id);

-- ==== Interventions and DES requirements (issue 5)
-- Health-inequality interventions (Tackling Neighbourhood Health Inequalities): lifecycle
-- stages with target dates and evidence, every stage move (backwards too), partners,
-- co-design sessions, "you said, we did", plan actions, risks, spend, outcome measures
-- and their readings. Then the Network Contract DES requirements tracker; shipped
-- requirements (pcntui/reference/requirements_des.toml) are copied into des_requirement
-- the first time a requirements action runs (reads merge the file with the table).

CREATE TABLE IF NOT EXISTS intervention (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
    stage              TEXT NOT NULL DEFAULT 'lead_appointed'
                       CHECK (stage IN ('lead_appointed', 'population_identified', 'engagement', 'co_design',
                                        'plan_agreed', 'delivery', 'evaluation', 'closed')),
    lead               TEXT,                                  -- the health inequalities lead
    focus_kind         TEXT NOT NULL DEFAULT 'local'
                       CHECK (focus_kind IN ('core20', 'plus', 'clinical', 'local')),
    focus_detail       TEXT,                                  -- the PLUS group or clinical area
    population         TEXT,                                  -- who the population is
    population_size    INTEGER CHECK (population_size >= 0),  -- estimated people
    deprivation_basis  TEXT NOT NULL DEFAULT 'none'
                       CHECK (deprivation_basis IN ('none', 'imd_quintile_1', 'pcn_most_deprived', 'other')),
    deprivation_note   TEXT,
    aims               TEXT,
    budget_pence       INTEGER NOT NULL DEFAULT 0 CHECK (budget_pence >= 0),
    created_on         TEXT NOT NULL,
    rev                INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS intervention_stage_idx ON intervention(stage, id);

-- Member practices the intervention covers.
CREATE TABLE IF NOT EXISTS intervention_practice (
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    practice_code    TEXT NOT NULL REFERENCES practice(code),
    PRIMARY KEY (intervention_id, practice_code)
);

-- Partners (local authority, voluntary and community groups, faith groups, schools …).
CREATE TABLE IF NOT EXISTS intervention_partner (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind             TEXT NOT NULL DEFAULT 'other'
                     CHECK (kind IN ('local_authority', 'voluntary', 'faith', 'school', 'nhs', 'resident', 'other')),
    role             TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS intervention_partner_by_intervention ON intervention_partner(intervention_id);

-- Per stage: the date it should be reached by, the date it was last reached, the evidence.
CREATE TABLE IF NOT EXISTS intervention_stage (
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    stage            TEXT NOT NULL
                     CHECK (stage IN ('lead_appointed', 'population_identified', 'engagement', 'co_design',
                                      'plan_agreed', 'delivery', 'evaluation', 'closed')),
    target_on        TEXT,
    reached_on       TEXT,
    evidence         TEXT,
    rev              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (intervention_id, stage)
);

-- Every move between stages, forwards or back (from_stage NULL = created).
CREATE TABLE IF NOT EXISTS intervention_stage_move (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    from_stage       TEXT,
    to_stage         TEXT NOT NULL,
    moved_on         TEXT NOT NULL,
    evidence         TEXT
);
CREATE INDEX IF NOT EXISTS intervention_stage_move_by_intervention
    ON intervention_stage_move(intervention_id, moved_on, id);

-- Co-design sessions with the population.
CREATE TABLE IF NOT EXISTS codesign_session (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    held_on          TEXT NOT NULL,
    format           TEXT NOT NULL DEFAULT 'workshop'
                     CHECK (format IN ('workshop', 'focus_group', 'community_event', 'interview', 'survey',
                                       'online', 'other')),
    title            TEXT,
    heard            TEXT,                                  -- what people said
    decisions        TEXT,                                  -- decisions taken
    rev              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS codesign_session_by_intervention ON codesign_session(intervention_id, held_on);

-- Who took part in a session: a count per group (residents, carers, VCS staff …).
CREATE TABLE IF NOT EXISTS codesign_participant (
    session_id   INTEGER NOT NULL REFERENCES codesign_session(id) ON DELETE CASCADE,
    group_name   TEXT NOT NULL CHECK (length(trim(group_name)) > 0),
    people       INTEGER NOT NULL CHECK (people >= 0),
    PRIMARY KEY (session_id, group_name)
);

-- Plan actions: owner, due date, done date.
CREATE TABLE IF NOT EXISTS intervention_action (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    owner            TEXT,
    due_on           TEXT,
    done_on          TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS intervention_action_by_intervention ON intervention_action(intervention_id, due_on);

-- "You said, we did": what was heard, linked to the change it made to the plan.
CREATE TABLE IF NOT EXISTS you_said_we_did (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    session_id       INTEGER REFERENCES codesign_session(id) ON DELETE SET NULL,
    action_id        INTEGER REFERENCES intervention_action(id) ON DELETE SET NULL,
    you_said         TEXT NOT NULL CHECK (length(trim(you_said)) > 0),
    we_did           TEXT NOT NULL CHECK (length(trim(we_did)) > 0),
    recorded_on      TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS intervention_risk (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    rating           TEXT NOT NULL DEFAULT 'medium' CHECK (rating IN ('low', 'medium', 'high')),
    mitigation       TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);

-- Money spent against the intervention's budget.
CREATE TABLE IF NOT EXISTS intervention_spend (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    spent_on         TEXT NOT NULL,
    amount_pence     INTEGER NOT NULL CHECK (amount_pence > 0),
    note             TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);

-- Outcome measures: unit, baseline (value and date), target (value, optional date), direction.
CREATE TABLE IF NOT EXISTS outcome_measure (
    id               INTEGER PRIMARY KEY,
    intervention_id  INTEGER NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit             TEXT NOT NULL DEFAULT '',
    direction        TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),
    baseline_value   REAL NOT NULL,
    baseline_on      TEXT NOT NULL,
    target_value     REAL NOT NULL,
    target_on        TEXT,
    rev              INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS outcome_reading (
    id          INTEGER PRIMARY KEY,
    measure_id  INTEGER NOT NULL REFERENCES outcome_measure(id) ON DELETE CASCADE,
    taken_on    TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT,
    rev         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (measure_id, taken_on)
);

-- Network Contract DES service requirements, per financial year.
CREATE TABLE IF NOT EXISTS des_requirement (
    id             INTEGER PRIMARY KEY,
    ref_key        TEXT UNIQUE,                              -- shipped rows' key; NULL for the user's own
    fy             TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    area           TEXT NOT NULL
                   CHECK (area IN ('cvd', 'health_inequalities', 'anticipatory_care', 'personalised_care', 'smr',
                                   'enhanced_access', 'care_homes', 'cancer', 'continuity', 'access', 'other')),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    detail         TEXT,
    due_on         TEXT,
    due_confirmed  INTEGER NOT NULL DEFAULT 1 CHECK (due_confirmed IN (0, 1)),
    owner          TEXT,
    status         TEXT NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'done', 'not_applicable')),
    evidence       TEXT,
    source         TEXT,                                     -- where the requirement comes from
    origin         TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('reference', 'user')),
    rev            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS des_requirement_due ON des_requirement(fy, due_on);

-- What a requirement is met by: interventions (id), SMR cohorts (code), staff (name or id).
CREATE TABLE IF NOT EXISTS des_requirement_link (
    requirement_id  INTEGER NOT NULL REFERENCES des_requirement(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('intervention', 'smr_cohort', 'staff')),
    target          TEXT NOT NULL CHECK (length(trim(target)) > 0),
    PRIMARY KEY (requirement_id, kind, target)
);

-- ================================================================= Claims and IIF (issue 13)
-- ARRS claims as made on the national portal, reconciled month by month against claimable
-- (pcntui/domain/claims.py); IIF indicator definitions (the user's rows: shipped ones are in
-- pcntui/reference/iif_indicators.csv) and the published IIF achievement values kept for the
-- PCN and its practices (pcntui/domain/iif.py).

-- One claim: keyed by (month, staff name, role, reference), so an arrears claim with its own
-- reference is its own row and re-importing the same key replaces it. staff_id is the roster
-- record it matched (no foreign key: deleting a staff record keeps their claims).
CREATE TABLE IF NOT EXISTS arrs_claim (
    id                   INTEGER PRIMARY KEY,
    month                TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),  -- 'YYYY-MM'
    staff_name           TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(staff_name)) > 0),
    role_code            TEXT NOT NULL,
    reference            TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    amount_claimed_pence INTEGER NOT NULL CHECK (amount_claimed_pence >= 0),
    amount_paid_pence    INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid_pence >= 0),
    status               TEXT NOT NULL DEFAULT 'submitted'
                         CHECK (status IN ('submitted', 'approved', 'paid', 'rejected')),
    submitted_on         TEXT,
    paid_on              TEXT,
    staff_id             INTEGER,
    rev                  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (month, staff_name, role_code, reference)
);
CREATE INDEX IF NOT EXISTS arrs_claim_staff ON arrs_claim(staff_id, month);

-- An IIF indicator for a year, added or corrected by the user (`import iif-indicators`,
-- `rules import`, `smr iif`). Thresholds are percent (exact decimals as TEXT); for
-- lower-is-better the lower threshold is the larger number. Per indicator: the user's row
-- wins over the shipped row of the same (fy, indicator), and the year's other shipped rows
-- still apply; in_force = 0 sets a shipped indicator aside for the year (an imported year's
-- table that does not list it). points / pound_per_point_pence NULL = not known (a row made
-- by `smr iif` for an indicator pcntui does not ship).
CREATE TABLE IF NOT EXISTS iif_indicator (
    fy                    TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    indicator             TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(indicator)) > 0),
    ind_code              TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    numerator_measure     TEXT NOT NULL CHECK (length(trim(numerator_measure)) > 0),
    denominator_measure   TEXT NOT NULL CHECK (length(trim(denominator_measure)) > 0),
    lower_threshold       TEXT NOT NULL CHECK (CAST(lower_threshold AS REAL) BETWEEN 0 AND 100),
    upper_threshold       TEXT NOT NULL CHECK (CAST(upper_threshold AS REAL) BETWEEN 0 AND 100),
    points                TEXT CHECK (CAST(points AS REAL) > 0),
    pound_per_point_pence INTEGER CHECK (pound_per_point_pence > 0),
    higher_is_better      INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
    reference_list_size   INTEGER CHECK (reference_list_size > 0),  -- national mean PCN list; NULL = no adjustment
    confirmed             INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    source                TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT '',
    in_force              INTEGER NOT NULL DEFAULT 1 CHECK (in_force IN (0, 1)),
    rev                   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (fy, indicator)
);

-- One row of the published IIF achievement file for the PCN or one of its member practices
-- (`import iif`); VALUE as exact decimal TEXT. Re-importing a file replaces that
-- achievement date's rows.
CREATE TABLE IF NOT EXISTS iif_value (
    id          INTEGER PRIMARY KEY,
    fy          TEXT NOT NULL CHECK (fy GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]'),
    ach_date    TEXT NOT NULL CHECK (ach_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    org_type    TEXT NOT NULL,                                  -- 'PCN' or 'GP practice', as published
    org_code    TEXT NOT NULL,
    ind_code    TEXT NOT NULL,
    measure     TEXT NOT NULL COLLATE NOCASE,
    value       TEXT NOT NULL,
    UNIQUE (ach_date, org_code, ind_code, measure)
);
CREATE INDEX IF NOT EXISTS iif_value_fy ON iif_value(fy, ach_date);
