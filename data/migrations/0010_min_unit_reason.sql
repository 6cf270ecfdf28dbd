-- 0010: why K (min_unit_voters) is under its default of 10, as the register of processing states
-- it. K may be lowered (never under 5) only with a reason.
ALTER TABLE campaign ADD COLUMN min_unit_voters_reason TEXT NOT NULL DEFAULT '';
