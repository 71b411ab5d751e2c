-- Search (issue 16). pg_trgm backs ILIKE '%text%' on task errors. Prisma manages neither extensions nor
-- functions, so neither shows up as drift.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "WorkflowInstance" ADD COLUMN     "stateEnteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SavedView" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_tenantId_shared_idx" ON "SavedView"("tenantId", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_tenantId_ownerId_name_key" ON "SavedView"("tenantId", "ownerId", "name");

-- CreateIndex
CREATE INDEX "Task_tenantId_type_idx" ON "Task"("tenantId", "type");

-- CreateIndex
CREATE INDEX "Task_lastError_idx" ON "Task" USING GIN ("lastError" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "WorkflowInstance_context_idx" ON "WorkflowInstance" USING GIN ("context" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "WorkflowInstance_input_idx" ON "WorkflowInstance" USING GIN ("input" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_status_stateEnteredAt_idx" ON "WorkflowInstance"("tenantId", "status", "stateEnteredAt");

-- Existing instances entered their current state at their latest transition (or when they started).
UPDATE "WorkflowInstance" i SET "stateEnteredAt" = COALESCE(
  (SELECT max(e."createdAt") FROM "WorkflowEvent" e WHERE e."instanceId" = i.id AND e.type IN ('transition', 'instance.started')),
  i."createdAt");

-- The normalised error signature incidents are grouped by: the SQL twin of errorSignature() in
-- packages/engine/src/service/search/error-signature.ts (a test holds both to the same answers on the same inputs).
-- Order matters: URLs and quoted strings first (they hold ids and numbers), then ids, then numbers.
CREATE FUNCTION "sy_error_signature"(message text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT AS $$
  SELECT left(btrim(
    regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(message,
      '[a-z][a-z0-9+.-]*://[^ \t\r\n"''<>]+', '<url>', 'gi'),
      '"[^"]*"', '<str>', 'g'),
      '''[^'']*''', '<str>', 'g'),
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<id>', 'gi'),
      '[0-9a-f]{12,}', '<id>', 'gi'),
      '[0-9]+([.][0-9]+)?', '<n>', 'g'),
      '[ \t\r\n]+', ' ', 'g'),
    ' '), 300)
$$;
