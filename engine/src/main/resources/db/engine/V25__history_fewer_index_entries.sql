-- Fewer index entries per case, as the history is written a thousand cases a second under load:
-- sequence flows and variable changes are only ever read per process instance, so their primary
-- keys lead with it and serve those reads; and a variable's first value is written as a change
-- only once the variable changes (most never do), from the variable's row, which keeps where and
-- when it was created.
ALTER TABLE history_sequence_flow DROP CONSTRAINT history_sequence_flow_pkey;
DROP INDEX history_sequence_flow_instance;
ALTER TABLE history_sequence_flow ADD PRIMARY KEY (process_instance_key, sequence_flow_key);

ALTER TABLE history_variable_change DROP CONSTRAINT history_variable_change_pkey;
DROP INDEX history_variable_change_variable;
DROP INDEX history_variable_change_instance;
ALTER TABLE history_variable_change ADD PRIMARY KEY (process_instance_key, position);

ALTER TABLE history_variable ADD COLUMN created_position BIGINT;
ALTER TABLE history_variable ADD COLUMN created_at TIMESTAMPTZ;
