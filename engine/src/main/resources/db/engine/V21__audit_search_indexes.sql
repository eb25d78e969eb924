-- Searching the audit trail by a key the command targeted (a case, a job, the instances a purge
-- removed) or by the caller, without reading the whole trail.

-- Every key of an entry's target as text: scalar values and the elements of lists. An entry whose
-- target is not JSON (someone altered it) has none; verification reports that entry anyway.
CREATE FUNCTION engine_audit_target_keys(target TEXT) RETURNS TEXT[] LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN ARRAY(
    SELECT t.value #>> '{}' FROM jsonb_each(target::jsonb) t WHERE jsonb_typeof(t.value) NOT IN ('array', 'object')
    UNION ALL
    SELECT e #>> '{}' FROM jsonb_each(target::jsonb) t
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(t.value) = 'array' THEN t.value ELSE '[]'::jsonb END) e);
EXCEPTION WHEN others THEN
  RETURN '{}';
END;
$$;

CREATE INDEX engine_audit_target_key ON engine_audit USING gin (engine_audit_target_keys(target));
CREATE INDEX engine_audit_caller ON engine_audit (caller_id, sequence);
