-- 0004: what volunteers report back, per turf and street, so coverage shows in the aggregates.
CREATE TABLE outcomes (
    turf_id     INTEGER NOT NULL REFERENCES turfs (id) ON DELETE CASCADE,
    street_id   TEXT NOT NULL,               -- BAN street id
    knocked     INTEGER NOT NULL CHECK (knocked >= 0),
    answered    INTEGER NOT NULL CHECK (answered >= 0),
    leaflets    INTEGER NOT NULL CHECK (leaflets >= 0),
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (turf_id, street_id)
);
