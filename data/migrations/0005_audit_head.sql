-- 0005: the audit trail's head, so that deleting its last entries shows: the chain alone cannot
-- tell a trail cut short from one that ended there. appendAudit updates it in the entry's own
-- transaction. A file whose trail existed before this migration starts from what it holds now.
CREATE TABLE audit_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    entries     INTEGER NOT NULL,            -- how many entries were ever appended
    last_hash   TEXT NOT NULL                -- the hash of the last one appended
);
INSERT INTO audit_head (id, entries, last_hash)
    SELECT 1, count(*), coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
        '0000000000000000000000000000000000000000000000000000000000000000')
    FROM audit;
