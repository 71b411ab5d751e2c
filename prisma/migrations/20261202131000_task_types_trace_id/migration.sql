-- AlterTable
ALTER TABLE "WorkflowEvent" ADD COLUMN     "traceId" TEXT;

-- CreateTable
CREATE TABLE "TaskType" (
    "type" TEXT NOT NULL,
    "inputSchema" JSONB,
    "description" TEXT,
    "registeredBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskType_pkey" PRIMARY KEY ("type")
);
