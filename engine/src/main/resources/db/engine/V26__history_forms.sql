-- Deployed forms (form-js schemas), for the forms a user task or a start event links.
CREATE TABLE history_form (
  form_key BIGINT PRIMARY KEY,
  form_id TEXT NOT NULL,
  version INT NOT NULL,
  version_tag TEXT,
  resource_name TEXT NOT NULL,
  schema TEXT NOT NULL,
  deployment_key BIGINT NOT NULL,
  tenant_id TEXT NOT NULL,
  deployed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX history_form_id ON history_form (form_id, version);
