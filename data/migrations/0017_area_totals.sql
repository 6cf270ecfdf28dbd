-- 0017: what areas and streets hold, kept by geocoding (commune by commune) so that reading an
-- area, a level or a plan's selection costs its own rows, not the whole territory's.

-- An area's doors (BAN addresses) and geocoded voters, and the commune of most of its doors (a
-- polling station is known by its commune and its number).
CREATE TABLE area_totals (
    area_id     INTEGER PRIMARY KEY,
    doors       INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    commune     TEXT NOT NULL DEFAULT ''
);

-- The doors and voters of an area that another area (of another layer) holds too.
CREATE TABLE area_overlaps (
    area_id     INTEGER NOT NULL,
    other_id    INTEGER NOT NULL,
    doors       INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    PRIMARY KEY (area_id, other_id)
) WITHOUT ROWID;

-- A BAN street (its id carries the commune: 75120_7904) with its doors and voters, and the box
-- around its doors (a street layer's line of the same name is its own if it lies there).
CREATE TABLE street_totals (
    street_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    doors       INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    min_lon     REAL NOT NULL,
    min_lat     REAL NOT NULL,
    max_lon     REAL NOT NULL,
    max_lat     REAL NOT NULL
) WITHOUT ROWID;

-- The doors and voters of a BAN street that an area holds.
CREATE TABLE street_areas (
    street_id   TEXT NOT NULL,
    area_id     INTEGER NOT NULL,
    doors       INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    PRIMARY KEY (street_id, area_id)
) WITHOUT ROWID;

-- How many voters the list puts in each polling station of each commune, geocoded or not.
CREATE TABLE station_listed (
    commune     TEXT NOT NULL,
    code        TEXT NOT NULL,
    voters      INTEGER NOT NULL,
    PRIMARY KEY (commune, code)
) WITHOUT ROWID;


-- Each commune's address points: how many, and the box around them (a map loads a commune's
-- points as one tile).
CREATE TABLE commune_bounds (
    insee       TEXT PRIMARY KEY,
    addresses   INTEGER NOT NULL,
    min_lon     REAL NOT NULL,
    min_lat     REAL NOT NULL,
    max_lon     REAL NOT NULL,
    max_lat     REAL NOT NULL
) WITHOUT ROWID;

-- How many voters geocoding matched by kind and form, and of them how many it left unmatched as
-- an ambiguous street: the report of the last geocoding, read without counting the list again.
CREATE TABLE geocode_tallies (
    kind        TEXT NOT NULL,
    form        TEXT NOT NULL,
    ambiguous   INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    PRIMARY KEY (kind, form, ambiguous)
) WITHOUT ROWID;

-- The totals are made by the next geocoding.
DELETE FROM geography_state;
