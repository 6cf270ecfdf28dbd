-- 0007: the campaign's time model for turfs sized in minutes, and how street sides are walked.
ALTER TABLE campaign ADD COLUMN walk_speed REAL NOT NULL DEFAULT 75;   -- metres per minute
ALTER TABLE campaign ADD COLUMN per_door REAL NOT NULL DEFAULT 1;      -- minutes at each door
ALTER TABLE campaign ADD COLUMN per_voter REAL NOT NULL DEFAULT 0.5;   -- minutes per voter behind it
ALTER TABLE campaign ADD COLUMN sides TEXT NOT NULL DEFAULT 'auto'
    CHECK (sides IN ('auto', 'together', 'apart'));
