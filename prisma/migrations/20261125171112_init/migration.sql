-- CreateEnum
CREATE TYPE "InstanceStatus" AS ENUM ('running', 'failed', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowDefinition" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "message" TEXT,
    "publishedBy" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowInstance" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "definitionId" UUID NOT NULL,
    "definitionKey" TEXT NOT NULL,
    "definitionVersion" INTEGER NOT NULL,
    "businessKey" TEXT,
    "status" "InstanceStatus" NOT NULL DEFAULT 'running',
    "stateValue" TEXT NOT NULL,
    "context" JSONB NOT NULL,
    "snapshot" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "input" JSONB,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "WorkflowInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "output" JSONB,
    "status" "TaskStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "runAt" TIMESTAMP(3),
    "nextRunAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseExpiresAt" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "completionEvent" TEXT,
    "failureEvent" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "instanceId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "stateValue" TEXT,
    "taskId" UUID,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkflowEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "jobName" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "taskId" UUID,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT,
    "html" TEXT,
    "raw" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowDefinition_tenantId_key_idx" ON "WorkflowDefinition"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowDefinition_tenantId_key_version_key" ON "WorkflowDefinition"("tenantId", "key", "version");

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_createdAt_id_idx" ON "WorkflowInstance"("tenantId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_status_createdAt_idx" ON "WorkflowInstance"("tenantId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_definitionKey_definitionVersion_c_idx" ON "WorkflowInstance"("tenantId", "definitionKey", "definitionVersion", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_stateValue_idx" ON "WorkflowInstance"("tenantId", "stateValue");

-- CreateIndex
CREATE INDEX "WorkflowInstance_tenantId_businessKey_idx" ON "WorkflowInstance"("tenantId", "businessKey");

-- CreateIndex
CREATE INDEX "Task_tenantId_status_nextRunAt_idx" ON "Task"("tenantId", "status", "nextRunAt");

-- CreateIndex
CREATE INDEX "Task_instanceId_idx" ON "Task"("instanceId");

-- CreateIndex
CREATE INDEX "Task_status_leaseExpiresAt_idx" ON "Task"("status", "leaseExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Task_instanceId_idempotencyKey_key" ON "Task"("instanceId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "WorkflowEvent_tenantId_type_createdAt_idx" ON "WorkflowEvent"("tenantId", "type", "createdAt");

-- CreateIndex
CREATE INDEX "WorkflowEvent_tenantId_createdAt_idx" ON "WorkflowEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowEvent_instanceId_seq_key" ON "WorkflowEvent"("instanceId", "seq");

-- CreateIndex
CREATE INDEX "Outbox_processedAt_publishedAt_availableAt_idx" ON "Outbox"("processedAt", "publishedAt", "availableAt");

-- CreateIndex
CREATE INDEX "MailMessage_tenantId_createdAt_idx" ON "MailMessage"("tenantId", "createdAt");

-- AddForeignKey
ALTER TABLE "WorkflowDefinition" ADD CONSTRAINT "WorkflowDefinition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowInstance" ADD CONSTRAINT "WorkflowInstance_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowInstance" ADD CONSTRAINT "WorkflowInstance_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "WorkflowDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "WorkflowInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowEvent" ADD CONSTRAINT "WorkflowEvent_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "WorkflowInstance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
