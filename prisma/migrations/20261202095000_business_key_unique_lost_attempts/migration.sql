/*
  Warnings:

  - A unique constraint covering the columns `[tenantId,definitionKey,businessKey]` on the table `WorkflowInstance` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "lostAttempts" INTEGER NOT NULL DEFAULT 0;

-- Duplicates created before the index existed (concurrent starts raced): the oldest keeps the business key,
-- the others get it suffixed with their id, so nothing is lost and the index can be built.
UPDATE "WorkflowInstance" AS w SET "businessKey" = w."businessKey" || ' (duplicate ' || w.id || ')'
FROM (
  SELECT id, row_number() OVER (PARTITION BY "tenantId", "definitionKey", "businessKey" ORDER BY "createdAt", id) AS n
  FROM "WorkflowInstance" WHERE "businessKey" IS NOT NULL
) AS d
WHERE w.id = d.id AND d.n > 1;

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowInstance_tenantId_definitionKey_businessKey_key" ON "WorkflowInstance"("tenantId", "definitionKey", "businessKey");
