-- Hand-written: the append-only tables refuse TRUNCATE too. The row triggers of the earlier migrations
-- cover UPDATE and DELETE; TRUNCATE fires only statement-level triggers, so it needs its own.
-- (The app role has no TRUNCATE privilege either; this also stops the owner by mistake.)
CREATE FUNCTION "append_only_no_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER "WorkflowEvent_no_truncate"
BEFORE TRUNCATE ON "WorkflowEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();

CREATE TRIGGER "AuditLog_no_truncate"
BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "append_only_no_truncate"();
