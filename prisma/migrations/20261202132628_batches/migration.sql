-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('running', 'paused', 'aborted', 'completed');

-- CreateTable
CREATE TABLE "Batch" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "query" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "actor" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "ratePerSecond" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchItem" (
    "batchId" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "instanceId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "message" TEXT,
    "updatedAt" TIMESTAMP(3),

    CONSTRAINT "BatchItem_pkey" PRIMARY KEY ("batchId","ordinal")
);

-- CreateIndex
CREATE INDEX "Batch_tenantId_createdAt_idx" ON "Batch"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BatchItem_batchId_status_ordinal_idx" ON "BatchItem"("batchId", "status", "ordinal");

-- AddForeignKey
ALTER TABLE "BatchItem" ADD CONSTRAINT "BatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
