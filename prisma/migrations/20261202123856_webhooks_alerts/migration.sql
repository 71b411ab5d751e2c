-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definitionKey" TEXT NOT NULL,
    "businessKeyPath" TEXT NOT NULL,
    "eventType" TEXT,
    "eventTypePath" TEXT,
    "payloadPath" TEXT,
    "secretName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDelivery" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "messageId" TEXT,
    "acceptedMessageId" TEXT,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "error" TEXT,
    "eventType" TEXT,
    "businessKey" TEXT,
    "instanceId" UUID,
    "outboxId" UUID,
    "bodyBytes" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "definitionKey" TEXT,
    "secretName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definitionKey" TEXT,
    "threshold" INTEGER,
    "windowMinutes" INTEGER,
    "waitingOn" TEXT,
    "stateValue" TEXT,
    "waitMinutes" INTEGER,
    "channel" TEXT NOT NULL,
    "url" TEXT,
    "secretName" TEXT,
    "emailTo" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertFiring" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "ruleId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "AlertFiring_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundDelivery" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "subscriptionId" UUID,
    "alertRuleId" UUID,
    "channel" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "sourceEventId" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboundDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundAttempt" (
    "id" UUID NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboundAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_tenantId_name_key" ON "WebhookEndpoint"("tenantId", "name");

-- CreateIndex
CREATE INDEX "InboundDelivery_tenantId_receivedAt_idx" ON "InboundDelivery"("tenantId", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundDelivery_endpointId_receivedAt_idx" ON "InboundDelivery"("endpointId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundDelivery_endpointId_acceptedMessageId_key" ON "InboundDelivery"("endpointId", "acceptedMessageId");

-- CreateIndex
CREATE INDEX "WebhookSubscription_tenantId_enabled_idx" ON "WebhookSubscription"("tenantId", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookSubscription_tenantId_name_key" ON "WebhookSubscription"("tenantId", "name");

-- CreateIndex
CREATE INDEX "AlertRule_tenantId_kind_enabled_idx" ON "AlertRule"("tenantId", "kind", "enabled");

-- CreateIndex
CREATE UNIQUE INDEX "AlertRule_tenantId_name_key" ON "AlertRule"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AlertFiring_ruleId_key_key" ON "AlertFiring"("ruleId", "key");

-- CreateIndex
CREATE INDEX "OutboundDelivery_status_nextAttemptAt_idx" ON "OutboundDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_tenantId_createdAt_idx" ON "OutboundDelivery"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_subscriptionId_createdAt_idx" ON "OutboundDelivery"("subscriptionId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_alertRuleId_createdAt_idx" ON "OutboundDelivery"("alertRuleId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboundAttempt_deliveryId_attempt_idx" ON "OutboundAttempt"("deliveryId", "attempt");

-- Hand-written: outbound deliveries for timeline facts are written by a trigger, in the same transaction as the
-- timeline entry that records the fact (instance completed, task failed, ...). The fact and its delivery commit
-- together, no code on the apply path changes, and nothing has to scan the timeline with a cursor that could skip
-- a row committed out of id order. The WHEN clause keeps every other entry type at the cost of one comparison.
CREATE FUNCTION "sy_hook_deliveries"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    inst RECORD;
    facts jsonb;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE "tenantId" = NEW."tenantId" AND enabled)
       AND NOT (NEW.type = 'instance.failed' AND EXISTS (
           SELECT 1 FROM "AlertRule" WHERE "tenantId" = NEW."tenantId" AND kind = 'instance_failed' AND enabled)) THEN
        RETURN NULL;
    END IF;
    SELECT "definitionKey", "definitionVersion", "businessKey" INTO inst
      FROM "WorkflowInstance" WHERE id = NEW."instanceId";
    facts := jsonb_build_object(
        'tenantId', NEW."tenantId",
        'instanceId', NEW."instanceId",
        'definitionKey', inst."definitionKey",
        'definitionVersion', inst."definitionVersion",
        'businessKey', inst."businessKey",
        'state', NEW."stateValue",
        'seq', NEW.seq,
        'taskId', NEW."taskId",
        'details', NEW.payload);
    INSERT INTO "OutboundDelivery" (id, "tenantId", "subscriptionId", channel, "eventType", payload, "sourceEventId")
    SELECT gen_random_uuid(), NEW."tenantId", s.id, 'webhook', NEW.type,
           jsonb_build_object('type', NEW.type,
                              'timestamp', to_char(NEW."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                              'data', facts),
           NEW.id
      FROM "WebhookSubscription" s
     WHERE s."tenantId" = NEW."tenantId" AND s.enabled AND NEW.type = ANY (s.events)
       AND (s."definitionKey" IS NULL OR s."definitionKey" = inst."definitionKey");
    IF NEW.type = 'instance.failed' THEN
        INSERT INTO "OutboundDelivery" (id, "tenantId", "alertRuleId", channel, "eventType", payload, "sourceEventId")
        SELECT gen_random_uuid(), NEW."tenantId", r.id, r.channel, 'alert.fired',
               jsonb_build_object('type', 'alert.fired',
                                  'timestamp', to_char(NEW."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                  'data', jsonb_build_object(
                                      'rule', jsonb_build_object('id', r.id, 'name', r.name, 'kind', r.kind),
                                      'summary', format('an instance of %s failed (business key %s)',
                                                        inst."definitionKey", coalesce(inst."businessKey", 'none')),
                                      'instance', facts)),
               NEW.id
          FROM "AlertRule" r
         WHERE r."tenantId" = NEW."tenantId" AND r.enabled AND r.kind = 'instance_failed'
           AND (r."definitionKey" IS NULL OR r."definitionKey" = inst."definitionKey");
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "WorkflowEvent_hook_deliveries"
AFTER INSERT ON "WorkflowEvent"
FOR EACH ROW
WHEN (NEW.type IN ('instance.completed', 'instance.failed', 'instance.cancelled', 'decision.awaiting_approval', 'task.failed'))
EXECUTE FUNCTION "sy_hook_deliveries"();
