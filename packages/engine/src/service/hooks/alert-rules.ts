// Alert rules: admin settings (audited), and "send test", which queues a delivery through the rule's channel.
import type { z } from 'zod';
import type { TenantContext } from '../../contracts/actor';
import { recordAudit } from '../../access/audit';
import { EngineError } from '../../errors';
import { toPrismaJson } from '../../json';
import { createAlertRuleInput, idInput } from '../../hooks/config-schemas';
import type { EngineDeps } from '../../deps/engine-deps';
import { parseInput } from '../parse-input';
import { actorLabel, auditCreated, checkNewConfig, deleteConfig } from './config-rows';

export async function listAlertRules(deps: EngineDeps, ctx: TenantContext) {
  return deps.prisma.alertRule.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: 'asc' } });
}

export async function createAlertRule(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof createAlertRuleInput>) {
  const input = parseInput(createAlertRuleInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    await checkNewConfig(tx, ctx, 'alert_rule', input.name);
    const { reason: _reason, ...settings } = input;
    const row = await tx.alertRule.create({
      data: { ...settings, tenantId: ctx.tenantId, createdBy: actorLabel(ctx) },
    });
    await auditCreated(tx, ctx, 'alert_rule', row, input);
    return row;
  });
}

export async function deleteAlertRule(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof idInput>) {
  const input = parseInput(idInput, raw);
  return deps.prisma.$transaction((tx) => deleteConfig(tx, ctx, 'alert_rule', input));
}

/** Queues a test message through the rule's channel (signed webhook or email); it shows in the delivery log. */
export async function testAlertRule(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof idInput>) {
  const input = parseInput(idInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    const rule = await tx.alertRule.findFirst({ where: { id: input.id, tenantId: ctx.tenantId } });
    if (!rule) throw new EngineError('NOT_FOUND', `alert rule ${input.id} was not found`);
    const payload = {
      type: 'alert.test',
      timestamp: deps.clock().toISOString(),
      data: {
        rule: { id: rule.id, name: rule.name, kind: rule.kind },
        summary: `a test of alert rule "${rule.name}", sent by ${actorLabel(ctx)}`,
      },
    };
    const delivery = await tx.outboundDelivery.create({
      data: {
        tenantId: ctx.tenantId,
        alertRuleId: rule.id,
        channel: rule.channel,
        eventType: 'alert.test',
        payload: toPrismaJson(payload),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'alert_rule.tested',
      targetType: 'alert_rule',
      targetId: rule.id,
      reason: input.reason ?? null,
    });
    return { deliveryId: delivery.id };
  });
}
