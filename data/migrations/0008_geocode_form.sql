-- 0008: how the list wrote each voter's address, as geocoding read it (issue 18): inverted label,
-- street type left out, number in the street field... ('' when written as the BAN does).
ALTER TABLE voter_addresses ADD COLUMN form TEXT NOT NULL DEFAULT '';
-- Geocoding saved before this column knows no forms: the next report geocodes again.
DELETE FROM geography_state;
