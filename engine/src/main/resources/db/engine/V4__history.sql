-- History: query tables projected from the committed event log (see cn.relief.engine.history).
-- They can be dropped and rebuilt from engine_record at any time; history_position says how far
-- the projection has come.

CREATE TABLE history_position (
  partition_id INT PRIMARY KEY,
  position BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE history_process_definition (
  process_definition_key BIGINT PRIMARY KEY,
  bpmn_process_id TEXT NOT NULL,
  name TEXT,
  version INT NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  bpmn_xml TEXT NOT NULL,
  deployment_key BIGINT NOT NULL,
  tenant_id TEXT NOT NULL,
  deployed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX history_process_definition_id ON history_process_definition (bpmn_process_id, version);

CREATE TABLE history_process_instance (
  process_instance_key BIGINT PRIMARY KEY,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  process_definition_name TEXT,
  version INT NOT NULL,
  version_tag TEXT,
  state TEXT NOT NULL,
  start_date TIMESTAMPTZ NOT NULL,
  end_date TIMESTAMPTZ,
  parent_process_instance_key BIGINT,
  parent_element_instance_key BIGINT,
  root_process_instance_key BIGINT NOT NULL,
  open_incidents INT NOT NULL DEFAULT 0,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_process_instance_state ON history_process_instance (state, bpmn_process_id, start_date);
CREATE INDEX history_process_instance_definition ON history_process_instance (process_definition_key);
CREATE INDEX history_process_instance_parent ON history_process_instance (parent_process_instance_key);

CREATE TABLE history_element_instance (
  element_instance_key BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_name TEXT,
  element_type TEXT NOT NULL,
  event_type TEXT,
  state TEXT NOT NULL,
  start_date TIMESTAMPTZ NOT NULL,
  end_date TIMESTAMPTZ,
  flow_scope_key BIGINT,
  incident_key BIGINT,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_element_instance_instance ON history_element_instance (process_instance_key, start_date);
CREATE INDEX history_element_instance_definition ON history_element_instance (process_definition_key, element_id, state);

CREATE TABLE history_sequence_flow (
  sequence_flow_key BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  taken_at TIMESTAMPTZ NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_sequence_flow_instance ON history_sequence_flow (process_instance_key);

CREATE TABLE history_variable (
  variable_key BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  scope_key BIGINT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX history_variable_instance ON history_variable (process_instance_key, name);
CREATE INDEX history_variable_scope ON history_variable (scope_key, name);
CREATE INDEX history_variable_name_value ON history_variable (name, md5(value));

-- every value a variable ever had, in order: what data a case held when
CREATE TABLE history_variable_change (
  position BIGINT PRIMARY KEY,
  variable_key BIGINT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  scope_key BIGINT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  intent TEXT NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX history_variable_change_variable ON history_variable_change (variable_key, position);
CREATE INDEX history_variable_change_instance ON history_variable_change (process_instance_key, position);

CREATE TABLE history_incident (
  incident_key BIGINT PRIMARY KEY,
  error_type TEXT NOT NULL,
  error_message TEXT,
  state TEXT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key BIGINT NOT NULL,
  job_key BIGINT,
  root_process_instance_key BIGINT,
  creation_time TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_incident_instance ON history_incident (process_instance_key, state);
CREATE INDEX history_incident_state ON history_incident (state, creation_time);

CREATE TABLE history_job (
  job_key BIGINT PRIMARY KEY,
  type TEXT NOT NULL,
  worker TEXT,
  state TEXT NOT NULL,
  retries INT NOT NULL,
  deadline TIMESTAMPTZ,
  error_code TEXT,
  error_message TEXT,
  custom_headers TEXT,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  end_time TIMESTAMPTZ,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_job_instance ON history_job (process_instance_key);
CREATE INDEX history_job_type_state ON history_job (type, state);

CREATE TABLE history_message_subscription (
  message_subscription_key BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id TEXT NOT NULL,
  element_id TEXT NOT NULL,
  element_instance_key BIGINT NOT NULL,
  message_name TEXT NOT NULL,
  correlation_key TEXT,
  state TEXT NOT NULL,
  last_updated_at TIMESTAMPTZ NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_message_subscription_instance ON history_message_subscription (process_instance_key);

CREATE TABLE history_correlated_message (
  position BIGINT PRIMARY KEY,
  message_key BIGINT NOT NULL,
  message_name TEXT NOT NULL,
  correlation_key TEXT,
  subscription_key BIGINT,
  process_instance_key BIGINT NOT NULL,
  process_definition_key BIGINT,
  bpmn_process_id TEXT,
  element_id TEXT,
  element_instance_key BIGINT,
  correlated_at TIMESTAMPTZ NOT NULL,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_correlated_message_instance ON history_correlated_message (process_instance_key);

CREATE TABLE history_decision_definition (
  decision_key BIGINT PRIMARY KEY,
  decision_id TEXT NOT NULL,
  name TEXT,
  version INT NOT NULL,
  version_tag TEXT,
  decision_requirements_key BIGINT NOT NULL,
  decision_requirements_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);

CREATE TABLE history_decision_requirements (
  decision_requirements_key BIGINT PRIMARY KEY,
  decision_requirements_id TEXT NOT NULL,
  name TEXT,
  version INT NOT NULL,
  resource_name TEXT NOT NULL,
  dmn_xml TEXT NOT NULL,
  tenant_id TEXT NOT NULL
);

CREATE TABLE history_decision_instance (
  decision_evaluation_key BIGINT PRIMARY KEY,
  state TEXT NOT NULL,
  evaluation_date TIMESTAMPTZ NOT NULL,
  decision_key BIGINT,
  decision_id TEXT NOT NULL,
  decision_name TEXT,
  decision_version INT,
  decision_type TEXT,
  result TEXT,
  evaluated_decisions TEXT NOT NULL,
  failure_message TEXT,
  process_instance_key BIGINT,
  process_definition_key BIGINT,
  element_instance_key BIGINT,
  tenant_id TEXT NOT NULL
);
CREATE INDEX history_decision_instance_instance ON history_decision_instance (process_instance_key);
