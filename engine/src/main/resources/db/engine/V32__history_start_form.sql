-- Start forms (E4): the form a process's none start event links, resolved when it is asked for
-- with the binding of the link (latest, deployment or versionTag), as a user task's form is.
ALTER TABLE history_process_definition
  ADD COLUMN start_form_id TEXT,
  ADD COLUMN start_form_binding TEXT,
  ADD COLUMN start_form_version_tag TEXT;
