-- 0015: the campaign team (canvass team, canvass serve) and who did each act of the audit trail.

-- A member of the team: their name (as turfs are assigned to it), their role, a team lead's areas
-- and the one public key they log in with over SSH. A key is one person's.
CREATE TABLE team (
    name        TEXT NOT NULL PRIMARY KEY,
    folded      TEXT NOT NULL UNIQUE,        -- the name as compared (case, accents, spaces)
    role        TEXT NOT NULL,
    areas       TEXT NOT NULL DEFAULT '[]',  -- JSON list of area ids, for a team lead
    key         TEXT NOT NULL,               -- "ssh-ed25519 AAAA...", without its comment
    fingerprint TEXT NOT NULL UNIQUE,        -- SHA256:..., as ssh-keygen -l shows it
    added_at    TEXT NOT NULL
);

-- Who did it: the member's name over SSH, '' for whoever holds the file on their own machine.
-- Hashed with the entry when not empty, so that earlier trails verify unchanged.
ALTER TABLE audit ADD COLUMN actor TEXT NOT NULL DEFAULT '';
