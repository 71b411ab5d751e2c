// Alert rules fire once per condition: an AlertFiring row per (rule, condition key) and the delivery it causes are
// written by one statement, so two workers evaluating at once cannot both fire, and a crash cannot fire without
// a delivery (or the reverse).
import type { PrismaClient } from '../generated/prisma/client';

export interface AlertRuleTarget {
  id: string;
  tenantId: string;
  channel: string;
}

/** Fires the rule for this condition unless it already fired and has not cleared since; true when it fired. */
export async function fireAlert(
  prisma: PrismaClient,
  rule: AlertRuleTarget,
  key: string,
  payload: unknown,
): Promise<boolean> {
  const fired = await prisma.$executeRaw`
    WITH f AS (
      INSERT INTO "AlertFiring" (id, "tenantId", "ruleId", key, "firedAt")
      VALUES (gen_random_uuid(), ${rule.tenantId}, ${rule.id}::uuid, ${key}, now())
      ON CONFLICT ("ruleId", key) DO UPDATE SET "firedAt" = now(), "clearedAt" = NULL
        WHERE "AlertFiring"."clearedAt" IS NOT NULL
      RETURNING id
    )
    INSERT INTO "OutboundDelivery" (id, "tenantId", "alertRuleId", channel, "eventType", payload)
    SELECT gen_random_uuid(), ${rule.tenantId}, ${rule.id}::uuid, ${rule.channel}, 'alert.fired', ${JSON.stringify(payload)}::jsonb
      FROM f`;
  return fired > 0;
}

/** Clears the rule's firings whose condition no longer holds, so a later rise fires again. */
export async function clearAlertFirings(prisma: PrismaClient, ruleId: string, stillActive: string[]): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "AlertFiring" SET "clearedAt" = now()
     WHERE "ruleId" = ${ruleId}::uuid AND "clearedAt" IS NULL AND NOT (key = ANY (${stillActive}::text[]))`;
}
