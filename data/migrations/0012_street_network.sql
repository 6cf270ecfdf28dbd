-- 0012: the street network walks follow (`canvass import streets`), and each turf's walk along it.

-- The layer the network was imported from: one row, or none.
CREATE TABLE street_network (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    file        TEXT NOT NULL,
    layer       TEXT NOT NULL DEFAULT '',    -- the table of a GeoPackage
    lines       INTEGER NOT NULL,            -- features imported
    imported_at TEXT NOT NULL
);

-- Its segments: the lines cut where they share a vertex. Nodes are numbered from 0; a node is
-- where a segment begins or ends.
CREATE TABLE street_segments (
    id          INTEGER PRIMARY KEY,         -- from 0, in the network's order
    line        TEXT NOT NULL,               -- id of the feature it is a piece of
    name        TEXT NOT NULL DEFAULT '',    -- the street's name, '' when the layer has none
    from_node   INTEGER NOT NULL,
    to_node     INTEGER NOT NULL,
    geom        BLOB NOT NULL                -- WKB LineString, WGS84 lon/lat, from from_node to to_node
);

-- The walk of a turf along the network, WKB LineString lon/lat; NULL for a plan measured in
-- straight lines.
ALTER TABLE turfs ADD COLUMN path BLOB;
