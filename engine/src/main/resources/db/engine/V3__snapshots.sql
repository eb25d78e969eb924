-- Snapshots of the engine state, each taken after every record up to its position was committed.
-- A restart loads the newest one and replays only the records after it.
CREATE TABLE engine_snapshot (
    partition_id INTEGER NOT NULL,
    position     BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    state        BYTEA   NOT NULL,
    PRIMARY KEY (partition_id, position)
);
