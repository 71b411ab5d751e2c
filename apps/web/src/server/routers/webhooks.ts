import { listInboundDeliveriesInput, listOutboundDeliveriesInput } from '@switchyard/engine/contracts';
import { createEndpointInput, createSubscriptionInput, idInput } from '@switchyard/engine/hooks';
import { z } from 'zod';
import { router, tenantProcedure } from '../trpc';
import { endpointView, idView, inboundDeliveryView, outboundDeliveryView, subscriptionView } from './hooks-schemas';

/** Inbound endpoints, outbound subscriptions and their delivery logs: admin settings, audited. */
export const webhooksRouter = router({
  endpoints: tenantProcedure('admin')
    .output(z.array(endpointView))
    .query(({ ctx }) => ctx.service.listWebhookEndpoints(ctx.tenant)),
  createEndpoint: tenantProcedure('admin')
    .input(createEndpointInput)
    .output(endpointView)
    .mutation(({ ctx, input }) => ctx.service.createWebhookEndpoint(ctx.tenant, input)),
  deleteEndpoint: tenantProcedure('admin')
    .input(idInput)
    .output(idView)
    .mutation(({ ctx, input }) => ctx.service.deleteWebhookEndpoint(ctx.tenant, input)),
  inboundDeliveries: tenantProcedure('admin')
    .input(listInboundDeliveriesInput)
    .output(z.array(inboundDeliveryView))
    .query(({ ctx, input }) => ctx.service.listInboundDeliveries(ctx.tenant, input)),

  subscriptions: tenantProcedure('admin')
    .output(z.array(subscriptionView))
    .query(({ ctx }) => ctx.service.listWebhookSubscriptions(ctx.tenant)),
  createSubscription: tenantProcedure('admin')
    .input(createSubscriptionInput)
    .output(subscriptionView)
    .mutation(({ ctx, input }) => ctx.service.createWebhookSubscription(ctx.tenant, input)),
  deleteSubscription: tenantProcedure('admin')
    .input(idInput)
    .output(idView)
    .mutation(({ ctx, input }) => ctx.service.deleteWebhookSubscription(ctx.tenant, input)),

  deliveries: tenantProcedure('admin')
    .input(listOutboundDeliveriesInput)
    .output(z.array(outboundDeliveryView))
    .query(({ ctx, input }) => ctx.service.listOutboundDeliveries(ctx.tenant, input)),
  redeliver: tenantProcedure('admin')
    .input(idInput)
    .output(idView)
    .mutation(({ ctx, input }) => ctx.service.redeliverOutbound(ctx.tenant, input)),
});
