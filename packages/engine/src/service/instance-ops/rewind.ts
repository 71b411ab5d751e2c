import type { TenantContext } from '../../contracts/actor';
import { EngineError } from '../../errors';
import type { EngineDeps } from '../../deps/engine-deps';
import type { JsonObject, JsonValue } from '../../spec/types';
import { resolveStartInput } from '../../store/start-input';

/** Entries that carry the whole context as it was after them. */
const CONTEXT_CARRIERS = ['instance.started', 'context.changed', 'instance.moved', 'instance.migrated'];

/**
 * "Move back to here" on a transition entry: the state it entered, entered again the same way (the same event with
 * the payload it carried), from the context the instance had just before it.
 */
export async function rewindTarget(
  deps: EngineDeps,
  ctx: TenantContext,
  instanceId: string,
  seq: number,
): Promise<{ to: string; via: { from: string; event: string; payload: JsonValue }; context: JsonObject }> {
  const entry = await deps.prisma.workflowEvent.findFirst({
    where: { tenantId: ctx.tenantId, instanceId, seq },
    select: { type: true, payload: true },
  });
  if (!entry) throw new EngineError('NOT_FOUND', `backTo: instance ${instanceId} has no timeline entry ${seq}`);
  const taken = entry.payload as { event?: string; from?: string; to?: string; operator?: boolean };
  if (entry.type !== 'transition' || !taken.event || !taken.from || !taken.to || taken.operator)
    throw new EngineError(
      'BAD_INPUT',
      `backTo: entry ${seq} is a ${entry.type}${taken.operator ? ' made by an operator' : ''}; expected a transition the workflow took`,
      [{ path: 'backTo', message: 'expected the seq of a transition entry' }],
    );
  const [received, carrier] = await Promise.all([
    deps.prisma.workflowEvent.findFirst({
      where: { tenantId: ctx.tenantId, instanceId, seq: { lt: seq }, type: 'event.received' },
      orderBy: { seq: 'desc' },
      select: { payload: true },
    }),
    deps.prisma.workflowEvent.findFirst({
      where: { tenantId: ctx.tenantId, instanceId, seq: { lt: seq }, type: { in: CONTEXT_CARRIERS } },
      orderBy: { seq: 'desc' },
      select: { type: true, payload: true },
    }),
  ]);
  // Entries of the start refer to the start input rather than copying it (store/start-input.ts).
  const startInput = async () => {
    const row = await deps.prisma.workflowInstance.findFirst({
      where: { id: instanceId, tenantId: ctx.tenantId },
      select: { input: true },
    });
    return (row?.input ?? {}) as JsonValue;
  };
  const [receivedEntry, carrierEntry] = await resolveStartInput(
    [
      { type: 'event.received', payload: (received?.payload ?? null) as JsonValue },
      { type: carrier?.type ?? '', payload: (carrier?.payload ?? null) as JsonValue },
    ],
    startInput,
  );
  const payload = (receivedEntry?.payload as { payload?: JsonValue } | null)?.payload ?? null;
  const context = (carrierEntry?.payload as { context?: JsonObject } | null)?.context ?? {};
  return { to: taken.to, via: { from: taken.from, event: taken.event, payload }, context };
}
