-- 0001: the whole first schema. Later changes come as new numbered files; never edit a landed one.

-- The campaign this store belongs to: one row.
CREATE TABLE campaign (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    name             TEXT NOT NULL,
    election_type    TEXT NOT NULL,
    election_dates   TEXT NOT NULL,          -- YYYY-MM-DD[,YYYY-MM-DD]
    end_date         TEXT NOT NULL,          -- retention: data is purged after it
    controller       TEXT NOT NULL,          -- responsable de traitement
    contact          TEXT NOT NULL,          -- where voters exercise their rights
    min_unit_voters  INTEGER NOT NULL DEFAULT 10,
    created_at       TEXT NOT NULL
);

-- Electoral list (REU extract). One row per line of the imported file.
CREATE TABLE voters (
    id                  INTEGER PRIMARY KEY,
    ugle                TEXT NOT NULL,       -- commune managing the list; an import replaces its commune
    list_type           TEXT NOT NULL DEFAULT '',
    line                INTEGER NOT NULL,    -- line in the imported file (header is line 1)
    birth_name          TEXT NOT NULL DEFAULT '',
    usage_name          TEXT NOT NULL DEFAULT '',
    given_names         TEXT NOT NULL DEFAULT '',
    sex                 TEXT NOT NULL DEFAULT '',
    birth_date          TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, YYYY-MM, YYYY or ''
    birth_place_code    TEXT NOT NULL DEFAULT '',
    birth_place         TEXT NOT NULL DEFAULT '',
    birth_department    TEXT NOT NULL DEFAULT '',
    birth_country       TEXT NOT NULL DEFAULT '',
    nationality         TEXT NOT NULL DEFAULT '',
    street_number       TEXT NOT NULL DEFAULT '',
    street              TEXT NOT NULL DEFAULT '',
    complement1         TEXT NOT NULL DEFAULT '',
    complement2         TEXT NOT NULL DEFAULT '',
    locality            TEXT NOT NULL DEFAULT '',
    postcode            TEXT NOT NULL DEFAULT '',
    town                TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    station_code        TEXT NOT NULL DEFAULT '',
    station_name        TEXT NOT NULL DEFAULT '',
    constituency_code   TEXT NOT NULL DEFAULT '',
    canton              TEXT NOT NULL DEFAULT '',
    metro_constituency  TEXT NOT NULL DEFAULT '',
    order_number        INTEGER
);
CREATE INDEX voters_ugle ON voters (ugle);

-- BAN address points.
CREATE TABLE addresses (
    id          TEXT PRIMARY KEY,            -- BAN id, e.g. 75120_7904_00192
    fantoir     TEXT NOT NULL DEFAULT '',
    number      INTEGER,
    rep         TEXT NOT NULL DEFAULT '',    -- suffix: b, t, q, a, p1...
    street      TEXT NOT NULL,
    postcode    TEXT NOT NULL DEFAULT '',
    insee       TEXT NOT NULL,
    commune     TEXT NOT NULL DEFAULT '',
    street_afnor TEXT NOT NULL DEFAULT '',
    lon         REAL NOT NULL,
    lat         REAL NOT NULL
);
CREATE INDEX addresses_insee ON addresses (insee);

-- Area layers: constituencies, neighborhoods (IRIS, quartiers, polling stations) and streets.
CREATE TABLE areas (
    id      INTEGER PRIMARY KEY,
    level   TEXT NOT NULL CHECK (level IN ('constituency', 'neighborhood', 'street')),
    layer   TEXT NOT NULL,                   -- which file family: "bureaux-de-vote", "iris"...
    code    TEXT NOT NULL,
    name    TEXT NOT NULL DEFAULT '',
    geom    BLOB NOT NULL,                   -- WKB, WGS84 lon/lat
    UNIQUE (level, layer, code)
);
CREATE VIRTUAL TABLE areas_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);

-- Public election results per polling station.
CREATE TABLE results (
    election    TEXT NOT NULL,
    station     TEXT NOT NULL,
    registered  INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    valid       INTEGER,
    lists       TEXT NOT NULL DEFAULT '{}',  -- JSON object: list name -> votes
    PRIMARY KEY (election, station)
);

-- Contacts and their consents (rule 2, 3).
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    birth_name    TEXT NOT NULL,
    given_names   TEXT NOT NULL,
    birth_date    TEXT NOT NULL DEFAULT '',
    street_number TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',
    postcode      TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('regular', 'occasional')),
    created_at    TEXT NOT NULL
);
CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    controller  TEXT NOT NULL,
    given_on    TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    proof       TEXT NOT NULL DEFAULT '',
    withdrawn_on TEXT,
    expires_on  TEXT,
    used_on     TEXT                          -- occasional contacts: the one contact allowed
);
CREATE INDEX consents_contact ON consents (contact_id);

-- Opposition (rule 4): survives purges, by person or by address.
CREATE TABLE opposition (
    id            INTEGER PRIMARY KEY,
    scope         TEXT NOT NULL CHECK (scope IN ('person', 'address')),
    birth_name    TEXT NOT NULL DEFAULT '',
    given_names   TEXT NOT NULL DEFAULT '',
    birth_date    TEXT NOT NULL DEFAULT '',
    street_number TEXT NOT NULL DEFAULT '',
    street        TEXT NOT NULL DEFAULT '',
    postcode      TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    recorded_on   TEXT NOT NULL
);

-- Canvassing plans and their turfs.
CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    level       TEXT NOT NULL,
    rule        TEXT NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',  -- JSON
    created_at  TEXT NOT NULL
);
CREATE TABLE turfs (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    doors       INTEGER NOT NULL,
    voters      INTEGER NOT NULL,
    metres      REAL NOT NULL,
    minutes     REAL NOT NULL,
    stops       TEXT NOT NULL DEFAULT '[]',  -- JSON, walking order
    volunteer   TEXT NOT NULL DEFAULT '',
    visit_date  TEXT NOT NULL DEFAULT '',
    UNIQUE (plan_id, seq)
);

-- Audit trail (rule 7): append-only, each entry hashes the previous one.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operation   TEXT NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',  -- JSON, identifiers and counts only
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
