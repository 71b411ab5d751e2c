// Inbound endpoints and outbound subscriptions: admin settings, audited like every other setting.
import type { z } from 'zod';
import { listInboundDeliveriesInput, type ListInboundDeliveriesInput } from '../../contracts/queries';
import type { TenantContext } from '../../contracts/actor';
import { createEndpointInput, createSubscriptionInput, idInput } from '../../hooks/config-schemas';
import type { EngineDeps } from '../../deps/engine-deps';
import { parseInput } from '../parse-input';
import { actorLabel, auditCreated, checkNewConfig, deleteConfig } from './config-rows';

const RECENT = 100;

export async function listWebhookEndpoints(deps: EngineDeps, ctx: TenantContext) {
  return deps.prisma.webhookEndpoint.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: 'asc' } });
}

export async function createWebhookEndpoint(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof createEndpointInput>,
) {
  const input = parseInput(createEndpointInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    await checkNewConfig(tx, ctx, 'webhook_endpoint', input.name);
    const { reason: _reason, ...settings } = input;
    const row = await tx.webhookEndpoint.create({
      data: { ...settings, tenantId: ctx.tenantId, createdBy: actorLabel(ctx) },
    });
    await auditCreated(tx, ctx, 'webhook_endpoint', row, input);
    return row;
  });
}

export async function deleteWebhookEndpoint(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof idInput>) {
  const input = parseInput(idInput, raw);
  return deps.prisma.$transaction((tx) => deleteConfig(tx, ctx, 'webhook_endpoint', input));
}

/** The newest deliveries an endpoint received (every one, accepted or not, with why). */
export async function listInboundDeliveries(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: ListInboundDeliveriesInput = {},
) {
  const input = parseInput(listInboundDeliveriesInput, raw);
  return deps.prisma.inboundDelivery.findMany({
    where: { tenantId: ctx.tenantId, ...(input.endpointId ? { endpointId: input.endpointId } : {}) },
    orderBy: { receivedAt: 'desc' },
    take: RECENT,
  });
}

export async function listWebhookSubscriptions(deps: EngineDeps, ctx: TenantContext) {
  return deps.prisma.webhookSubscription.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { createdAt: 'asc' } });
}

export async function createWebhookSubscription(
  deps: EngineDeps,
  ctx: TenantContext,
  raw: z.input<typeof createSubscriptionInput>,
) {
  const input = parseInput(createSubscriptionInput, raw);
  return deps.prisma.$transaction(async (tx) => {
    await checkNewConfig(tx, ctx, 'webhook_subscription', input.name);
    const { reason: _reason, ...settings } = input;
    const row = await tx.webhookSubscription.create({
      data: { ...settings, events: [...new Set(settings.events)], tenantId: ctx.tenantId, createdBy: actorLabel(ctx) },
    });
    await auditCreated(tx, ctx, 'webhook_subscription', row, input);
    return row;
  });
}

export async function deleteWebhookSubscription(deps: EngineDeps, ctx: TenantContext, raw: z.input<typeof idInput>) {
  const input = parseInput(idInput, raw);
  return deps.prisma.$transaction((tx) => deleteConfig(tx, ctx, 'webhook_subscription', input));
}
