-- A decision instance is one evaluated decision of an evaluation (the decision and each decision it
-- required), identified as "<evaluation key>-<index>" as in the REST v2 API. The history is a
-- projection: it is emptied here and rebuilt from the event log by the projector.
DROP TABLE history_decision_instance;

CREATE TABLE history_decision_instance (
  decision_instance_id TEXT PRIMARY KEY,
  decision_evaluation_key BIGINT NOT NULL,
  state TEXT NOT NULL,
  evaluation_date TIMESTAMPTZ NOT NULL,
  decision_key BIGINT,
  decision_id TEXT NOT NULL,
  decision_name TEXT,
  decision_version INT,
  decision_type TEXT,
  result TEXT,
  evaluated_inputs TEXT NOT NULL,
  matched_rules TEXT NOT NULL,
  failure_message TEXT,
  process_instance_key BIGINT,
  process_definition_key BIGINT,
  element_instance_key BIGINT,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_decision_instance_evaluation ON history_decision_instance (decision_evaluation_key);
CREATE INDEX history_decision_instance_instance ON history_decision_instance (process_instance_key);

TRUNCATE history_process_definition, history_process_instance, history_element_instance, history_sequence_flow,
  history_variable, history_variable_change, history_incident, history_job, history_message_subscription,
  history_correlated_message, history_decision_definition, history_decision_requirements;
DELETE FROM history_position;
