-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "instanceId" UUID,
ADD COLUMN     "position" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "Outbox_instanceId_processedAt_position_idx" ON "Outbox"("instanceId", "processedAt", "position");

-- Orchestrator messages still waiting when this runs: read as their instance's pending events from now on.
UPDATE "Outbox" SET "instanceId" = (payload->>'instanceId')::uuid
WHERE queue = 'workflow-orchestrator' AND "processedAt" IS NULL AND payload->>'instanceId' IS NOT NULL;
