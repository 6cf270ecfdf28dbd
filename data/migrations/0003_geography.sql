-- 0003: where voters live and which areas hold each address, as computed by `canvass geocode`.

-- The BAN address found for each voter's listed address (none when unmatched, with the reason).
CREATE TABLE voter_addresses (
    voter_id    INTEGER PRIMARY KEY REFERENCES voters (id) ON DELETE CASCADE,
    address_id  TEXT REFERENCES addresses (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('exact', 'fuzzy', 'approximate', 'unmatched')),
    score       REAL NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX voter_addresses_address ON voter_addresses (address_id);

-- The area of each loaded layer that holds each address (point in polygon, half-open borders).
CREATE TABLE address_areas (
    address_id  TEXT NOT NULL REFERENCES addresses (id) ON DELETE CASCADE,
    area_id     INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (address_id, area_id)
) WITHOUT ROWID;
CREATE INDEX address_areas_area ON address_areas (area_id);

-- What the geography was computed from, to tell when an import made it stale.
CREATE TABLE geography_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint  TEXT NOT NULL,
    computed_at  TEXT NOT NULL
);
