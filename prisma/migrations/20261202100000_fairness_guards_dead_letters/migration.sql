-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "deadLetteredAt" TIMESTAMP(3),
ADD COLUMN     "discardedAt" TIMESTAMP(3),
ADD COLUMN     "failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "orchestratorConcurrency" INTEGER,
ADD COLUMN     "taskConcurrency" INTEGER;

-- AlterTable
ALTER TABLE "WorkflowInstance" ADD COLUMN     "guardLimits" JSONB,
ADD COLUMN     "guardTripped" TEXT,
ADD COLUMN     "minuteStartedAt" TIMESTAMP(3),
ADD COLUMN     "minuteTransitions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taskCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "transitionCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Outbox_tenantId_deadLetteredAt_idx" ON "Outbox"("tenantId", "deadLetteredAt");
