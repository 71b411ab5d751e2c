-- AlterTable
ALTER TABLE "WorkflowInstance" ADD COLUMN     "pauseCursor" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pausedAt" TIMESTAMP(3);
