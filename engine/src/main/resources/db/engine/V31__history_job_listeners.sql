-- Task listeners (E4): a job is a BPMN element's or a user task listener's, and a listener's
-- completed job may have denied the task's change.
ALTER TABLE history_job
  ADD COLUMN kind TEXT NOT NULL DEFAULT 'BPMN_ELEMENT',
  ADD COLUMN listener_event_type TEXT NOT NULL DEFAULT 'UNSPECIFIED',
  ADD COLUMN denied BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN denied_reason TEXT;
