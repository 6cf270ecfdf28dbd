-- 0011: field sheets handed to volunteers, and what they record on them door by door.

-- A field sheet as exported: the turf's stops as the sheet numbered its doors, so that results
-- come back to the right addresses even after the plan is built again. fingerprint names the plan
-- as built (its turfs and doors).
CREATE TABLE field_sheets (
    plan        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    turf        INTEGER NOT NULL,
    stops       TEXT NOT NULL,               -- JSON, as turfs.stops
    exported_at TEXT NOT NULL,
    PRIMARY KEY (plan, fingerprint, turf)
);

-- A door's outcome from a sheet's results: the sheet's door (fingerprint, turf, rank), the turf of
-- the plan as it stands that holds the address, and the BAN address. Like outcomes, they outlive
-- the plan's turfs (coverage rests on them); purge deletes them.
CREATE TABLE door_outcomes (
    sheet       TEXT NOT NULL,               -- fingerprint of the plan the sheet was made from
    sheet_turf  INTEGER NOT NULL,
    door        INTEGER NOT NULL,            -- rank in the sheet's walk, from 1
    plan        TEXT NOT NULL,
    turf        INTEGER NOT NULL,
    address_id  TEXT NOT NULL,               -- BAN id
    street_id   TEXT NOT NULL,
    number      TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('A', 'O', 'T', 'R', 'N', 'I')),
    at          TEXT NOT NULL,               -- YYYY-MM-DDTHH:MM, the phone's local time
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (sheet, sheet_turf, door)
);
CREATE INDEX door_outcomes_turf ON door_outcomes (plan, turf);

-- A place note on a stretch of street (building closed, digicode, letterboxes out of reach).
CREATE TABLE place_notes (
    sheet       TEXT NOT NULL,
    sheet_turf  INTEGER NOT NULL,
    stop        INTEGER NOT NULL,            -- rank in the sheet's walk, from 1
    note        TEXT NOT NULL CHECK (note IN ('F', 'D', 'B')),
    street_id   TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (sheet, sheet_turf, stop, note)
);
