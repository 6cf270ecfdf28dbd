-- 0006: outcomes are what was done on the ground, and coverage rests on them: they outlive the
-- turfs of a plan built again or deleted (purge still deletes them). Turfs remember their area.
CREATE TABLE outcomes_new (
    plan        TEXT NOT NULL,
    turf        INTEGER NOT NULL,
    street_id   TEXT NOT NULL,               -- BAN street id
    knocked     INTEGER NOT NULL CHECK (knocked >= 0),
    answered    INTEGER NOT NULL CHECK (answered >= 0),
    leaflets    INTEGER NOT NULL CHECK (leaflets >= 0),
    recorded_on TEXT NOT NULL,
    PRIMARY KEY (plan, turf, street_id)
);
INSERT INTO outcomes_new (plan, turf, street_id, knocked, answered, leaflets, recorded_on)
    SELECT p.name, t.seq, o.street_id, o.knocked, o.answered, o.leaflets, o.recorded_on
    FROM outcomes o JOIN turfs t ON t.id = o.turf_id JOIN plans p ON p.id = t.plan_id;
DROP TABLE outcomes;
ALTER TABLE outcomes_new RENAME TO outcomes;

ALTER TABLE turfs ADD COLUMN area TEXT NOT NULL DEFAULT '';
