-- Process instance migration (E5): when a case moved to which version of its procedure, with the
-- mapping it moved by. Who asked for it is in the audit trail (operation MIGRATE_PROCESS_INSTANCE).
CREATE TABLE history_process_instance_migration (
  position BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  source_process_definition_key BIGINT NOT NULL,
  target_process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  mapping_instructions TEXT NOT NULL,
  migrated_at TIMESTAMPTZ NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_process_instance_migration_instance ON history_process_instance_migration (process_instance_key);
