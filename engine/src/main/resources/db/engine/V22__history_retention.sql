-- Retention of the history (cn.relief.engine.history.retention): ended cases whose process has a
-- retention period are purged from the history tables some time after they ended.

-- finds the ended root instances of a process, oldest first
CREATE INDEX history_process_instance_ended ON history_process_instance (bpmn_process_id, end_date)
  WHERE end_date IS NOT NULL AND parent_process_instance_key IS NULL;
-- a case is purged with every instance it called (only called instances are indexed: a case is
-- its own root, and case rows are the many)
CREATE INDEX history_process_instance_root ON history_process_instance (root_process_instance_key)
  WHERE parent_process_instance_key IS NOT NULL;

-- Every purged process instance. The history is a projection of the event log, which keeps
-- everything; rebuilding the history would bring purged cases back, and the next purge removes
-- them again from this list, whatever the retention is by then.
CREATE TABLE history_purged_instance (
  process_instance_key BIGINT PRIMARY KEY,
  root_process_instance_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  purged_at TIMESTAMPTZ NOT NULL
);
