-- Hand-written: database-level guards Prisma cannot express in schema.prisma. Prisma does not
-- introspect triggers or functions, so they never show up as drift or in generated migrations.

-- WorkflowEvent is the audit log: a row, once written, is never changed or removed.
CREATE FUNCTION "workflow_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'WorkflowEvent is append-only';
END;
$$;

CREATE TRIGGER "WorkflowEvent_append_only"
BEFORE UPDATE OR DELETE ON "WorkflowEvent"
FOR EACH ROW EXECUTE FUNCTION "workflow_event_append_only"();

-- A published WorkflowDefinition is immutable: its identity (tenantId, key, version) and spec never
-- change and it is never deleted. Other columns (name, message) stay editable.
CREATE FUNCTION "workflow_definition_immutable"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'published definitions are immutable';
    END IF;
    -- IS DISTINCT FROM, not UPDATE OF columns: an update that rewrites a column with its own
    -- value changes nothing and is allowed.
    IF NEW."spec" IS DISTINCT FROM OLD."spec"
        OR NEW."key" IS DISTINCT FROM OLD."key"
        OR NEW."version" IS DISTINCT FROM OLD."version"
        OR NEW."tenantId" IS DISTINCT FROM OLD."tenantId" THEN
        RAISE EXCEPTION 'published definitions are immutable';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "WorkflowDefinition_immutable"
BEFORE UPDATE OR DELETE ON "WorkflowDefinition"
FOR EACH ROW EXECUTE FUNCTION "workflow_definition_immutable"();
