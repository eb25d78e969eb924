-- Camunda user tasks as the REST v2 user task search shows them. Candidate users and groups are
-- JSON arrays in text (the projection copies rows as text; searches test membership with jsonb).
CREATE TABLE history_user_task (
  user_task_key BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  assignee TEXT,
  candidate_users TEXT NOT NULL,
  candidate_groups TEXT NOT NULL,
  due_date TIMESTAMPTZ,
  follow_up_date TIMESTAMPTZ,
  priority INT NOT NULL,
  form_id TEXT,
  external_form_reference TEXT,
  form_key TEXT,
  element_id TEXT NOT NULL,
  element_instance_key BIGINT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_version INT NOT NULL,
  creation_date TIMESTAMPTZ NOT NULL,
  completion_date TIMESTAMPTZ,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_user_task_instance ON history_user_task (process_instance_key);
-- the task list: open tasks of an assignee
CREATE INDEX history_user_task_assignee_state ON history_user_task (assignee, state);
