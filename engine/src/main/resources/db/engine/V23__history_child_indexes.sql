-- Most process instances are cases, not called by another: index only the called ones by parent,
-- so that the instance rows of cases (written a thousand times a second under load) keep one index
-- entry fewer each. A search by parent (strict equality) still uses the partial index.
DROP INDEX history_process_instance_parent;
CREATE INDEX history_process_instance_parent ON history_process_instance (parent_process_instance_key)
  WHERE parent_process_instance_key IS NOT NULL;
