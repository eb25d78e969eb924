-- Who asked for a migration, and the modifications of running cases (E5): what was activated and
-- terminated, when, and by whom (also in the audit trail as MODIFY_PROCESS_INSTANCE).
ALTER TABLE history_process_instance_migration ADD COLUMN requested_by TEXT;
CREATE TABLE history_process_instance_modification (
  position BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  activate_instructions TEXT NOT NULL,
  terminate_instructions TEXT NOT NULL,
  activated_element_instance_keys TEXT NOT NULL,
  terminated_element_instance_keys TEXT NOT NULL,
  requested_by TEXT,
  modified_at TIMESTAMPTZ NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_process_instance_modification_instance
  ON history_process_instance_modification (process_instance_key);
