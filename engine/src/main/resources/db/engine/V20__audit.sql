-- The audit trail: who did what, one entry per command submitted through the engine's API (and per
-- audited operation of the engine itself), written in the same transaction as the command's records.
-- Each entry carries its predecessor's hash and its own hash over its fields, so that an entry that
-- is changed, removed or moved breaks the chain (see cn.relief.engine.audit.AuditVerifier).
-- target and request are JSON kept as TEXT: the hash covers the exact text, which jsonb would normalise.
CREATE TABLE engine_audit (
    sequence          BIGINT      PRIMARY KEY,
    recorded_at       TIMESTAMPTZ NOT NULL,
    caller_id         TEXT        NOT NULL,
    caller_kind       TEXT        NOT NULL,
    operation         TEXT        NOT NULL,
    target            TEXT        NOT NULL,
    request           TEXT        NOT NULL,
    outcome           TEXT        NOT NULL,
    rejection_type    TEXT,
    rejection_message TEXT,
    first_position    BIGINT,
    previous_hash     TEXT        NOT NULL,
    hash              TEXT        NOT NULL
);

-- Append-only: entries are never updated, and deleted only by retention, which says so with
-- SET LOCAL relief.audit.allow_purge = 'on' (and records the purge as an entry of its own).
-- A superuser can still bypass triggers; the hash chain is what makes that evident.
CREATE FUNCTION engine_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('relief.audit.allow_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'Expected engine_audit to be append-only, but a TRUNCATE was attempted';
    END IF;
    RAISE EXCEPTION 'Expected engine_audit to be append-only, but an % of entry % was attempted', TG_OP, OLD.sequence;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER engine_audit_append_only
    BEFORE UPDATE OR DELETE ON engine_audit
    FOR EACH ROW EXECUTE FUNCTION engine_audit_refuse_change();

CREATE TRIGGER engine_audit_no_truncate
    BEFORE TRUNCATE ON engine_audit
    FOR EACH STATEMENT EXECUTE FUNCTION engine_audit_refuse_change();
