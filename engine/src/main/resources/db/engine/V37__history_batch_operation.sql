-- Batch operations (E5): each batch with its progress, and each item (a process instance) with
-- its outcome. Who created a batch is in created_by (and in the audit trail).
CREATE TABLE history_batch_operation (
  batch_operation_key BIGINT PRIMARY KEY,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  start_date TIMESTAMPTZ NOT NULL,
  end_date TIMESTAMPTZ,
  total INT NOT NULL,
  completed INT NOT NULL,
  failed INT NOT NULL,
  created_by TEXT NOT NULL,
  filter TEXT NOT NULL,
  target_process_definition_key BIGINT
);
CREATE TABLE history_batch_operation_item (
  item_id TEXT PRIMARY KEY,
  batch_operation_key BIGINT NOT NULL,
  item_key BIGINT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  processed_date TIMESTAMPTZ,
  error_message TEXT
);
CREATE INDEX history_batch_operation_item_batch ON history_batch_operation_item (batch_operation_key, item_key);
CREATE INDEX history_batch_operation_item_instance ON history_batch_operation_item (process_instance_key);
