import {
  instanceActionInput,
  instanceIdSchema as instanceId,
  instanceStatusSchema,
  listInstancesInput,
  moveInput,
  pauseInstanceInput,
  raiseGuardInput,
  requireReason,
  sendEventInput,
  startInstanceInput,
  timelineInput,
} from '@switchyard/engine/contracts';
import { describeSpecGraph } from '@switchyard/engine/spec';
import { z } from 'zod';
import { quickEvents } from '../quick-events';
import { movePreview } from '../ops-schemas';
import { asyncIterableOf, instanceDetail, instanceSummary, timelineItem } from '../schemas';
import { router, tenantProcedure } from '../trpc';

// The console never acts as a batch step: batches run in the worker (service/batches).
const noBatch = { batchId: true } as const;
const POLL_MS = 500;
/** How often a live stream asks again whether its caller may still watch (signed out, revoked, demoted). */
export const RECHECK_MS = 2_000;

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export const instancesRouter = router({
  list: tenantProcedure('viewer')
    .input(listInstancesInput)
    .output(z.object({ items: z.array(instanceSummary), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => ctx.service.listInstances(ctx.tenant, input)),

  get: tenantProcedure('viewer')
    .input(z.object({ instanceId }))
    .output(instanceDetail)
    .query(async ({ ctx, input }) => {
      const { spec, ...instance } = await ctx.service.getInstance(ctx.tenant, input);
      return {
        ...instance,
        graph: describeSpecGraph(spec),
        quickEvents: quickEvents(spec, instance.acceptedEvents, instance.tasks),
      };
    }),

  timeline: tenantProcedure('viewer')
    .input(timelineInput.pick({ instanceId: true, types: true }))
    .output(z.array(timelineItem))
    .query(({ ctx, input }) => ctx.service.getTimeline(ctx.tenant, input)),

  start: tenantProcedure('operator')
    .input(startInstanceInput)
    .output(z.object({ instanceId: z.string(), created: z.boolean(), definitionVersion: z.number() }))
    .mutation(({ ctx, input }) => ctx.service.startInstance(ctx.tenant, input)),

  sendEvent: tenantProcedure('operator')
    .input(requireReason(sendEventInput).omit(noBatch))
    .output(z.object({ messageId: z.string() }))
    .mutation(({ ctx, input }) => ctx.service.sendEvent(ctx.tenant, input)),

  cancel: tenantProcedure('operator')
    .input(requireReason(instanceActionInput).omit(noBatch))
    .output(z.object({ cancelledTasks: z.number() }))
    .mutation(({ ctx, input }) => ctx.service.cancelInstance(ctx.tenant, input)),

  /** Raises the cap of the runaway guard that stopped the instance (for this instance only) and resumes it. */
  raiseGuard: tenantProcedure('operator')
    .input(requireReason(raiseGuardInput))
    .output(
      z.object({
        guard: z.string(),
        previousLimit: z.number(),
        limit: z.number(),
        redelivered: z.number(),
        requeuedTasks: z.number(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.service.raiseGuardAndResume(ctx.tenant, input)),

  /** Holds the instance's events and tasks until resumed. */
  pause: tenantProcedure('operator')
    .input(pauseInstanceInput.omit(noBatch))
    .output(z.object({ instanceId: z.string(), heldTasks: z.number() }))
    .mutation(({ ctx, input }) => ctx.service.pauseInstance(ctx.tenant, input)),

  /** Applies what a paused instance held, in order, and runs its tasks again. */
  resume: tenantProcedure('operator')
    .input(pauseInstanceInput.omit(noBatch))
    .output(z.object({ instanceId: z.string(), applied: z.number(), requeuedTasks: z.number() }))
    .mutation(({ ctx, input }) => ctx.service.resumeInstance(ctx.tenant, input)),

  /** What moving the instance would do (tasks cancelled and created, context changes, warnings); writes nothing. */
  previewMove: tenantProcedure('operator')
    .input(moveInput)
    .output(movePreview)
    .mutation(({ ctx, input }) => ctx.service.previewMove(ctx.tenant, { ...input, batchId: undefined })),

  /** Moves the instance to a state (or back to a transition it took), in one transaction. */
  move: tenantProcedure('operator')
    .input(moveInput)
    .output(movePreview)
    // Only a batch step names its batch.
    .mutation(({ ctx, input }) => ctx.service.moveInstance(ctx.tenant, { ...input, batchId: undefined })),

  /** Emits whenever the instance's timeline grows (polled, so it works with any number of workers). */
  watch: tenantProcedure('viewer')
    .input(z.object({ instanceId }))
    .output(asyncIterableOf(z.object({ lastSeq: z.number(), status: instanceStatusSchema, stateValue: z.string() })))
    .subscription(async ({ ctx, input, signal }) => {
      // Look the instance up before streaming, so another tenant's id is NOT_FOUND at once, not mid-stream.
      const first = await ctx.service.getInstance(ctx.tenant, input);
      return (async function* () {
        // Say where the instance stands right away: the page may have loaded before the subscription opened,
        // and whatever happened in between would otherwise never reach it.
        yield { lastSeq: first.lastSeq, status: first.status, stateValue: first.stateValue };
        let lastSeq = first.lastSeq;
        let checkedAt = Date.now();
        while (!signal?.aborted) {
          await sleep(POLL_MS, signal);
          if (signal?.aborted) return;
          // The session or token that opened the stream may have ended since: the stream ends with it.
          if (Date.now() - checkedAt >= RECHECK_MS) {
            await ctx.assertStillAllowed();
            checkedAt = Date.now();
          }
          const fresh = await ctx.service.getTimeline(ctx.tenant, {
            instanceId: input.instanceId,
            afterSeq: lastSeq,
            limit: 1,
          });
          if (fresh.length === 0) continue;
          const instance = await ctx.service.getInstance(ctx.tenant, input);
          lastSeq = instance.lastSeq;
          yield { lastSeq, status: instance.status, stateValue: instance.stateValue };
        }
      })();
    }),
});
