-- The engine's log: every event (and every rejected command) of every partition, in order.
-- The engine's state is rebuilt from it on start; history and audit projections read from it.
CREATE TABLE engine_record (
    partition_id     INTEGER      NOT NULL,
    position         BIGINT       NOT NULL,
    record_key       BIGINT       NOT NULL,
    record_type      VARCHAR(32)  NOT NULL,
    value_type       VARCHAR(64)  NOT NULL,
    intent           VARCHAR(64)  NOT NULL,
    rejection_type   VARCHAR(32),
    rejection_reason TEXT,
    created_at       BIGINT       NOT NULL,
    value            JSONB        NOT NULL,
    PRIMARY KEY (partition_id, position)
);

CREATE INDEX engine_record_key_idx ON engine_record (record_key);
