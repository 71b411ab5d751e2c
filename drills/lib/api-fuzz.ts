import { randomUUID } from 'node:crypto';
import type { EngineService } from '../../packages/engine/src/service';
import type { TenantContext } from '../../packages/engine/src/contracts/actor';
import { junk, type Random } from './prng';

/** One fuzzed call: what it was, and the call itself. Every case has at least one field that must be refused. */
export interface ApiCase {
  label: string;
  call(): Promise<unknown>;
}

/** Returns a bad value (flagging that one was used) or a good one. */
function field<T>(r: Random, bad: () => unknown, good: T, used: { bad: boolean }, force: boolean): unknown {
  if (force || r.chance(0.5)) {
    used.bad = true;
    return bad();
  }
  return good;
}

const badId = (r: Random) => r.pick<unknown>([randomUUID(), 'not-a-uuid', '', 42, null, junk(r), `${randomUUID()}x`]);
const badEvent = (r: Random) => r.pick<unknown>(['', '1TICK', 'has space', 'TICK!', 42, null, 'x'.repeat(0), junk(r)]);

/** A random service call with invalid input, against the drill's tenant. */
export function apiCase(r: Random, service: EngineService, ctx: TenantContext, instanceId: string): ApiCase {
  const used = { bad: false };
  const kind = r.int(6);
  if (kind === 0) {
    const raw = {
      definitionKey: field(
        r,
        () => r.pick<unknown>(['', 'no-such-definition', 42, null, junk(r)]),
        'drill-counter',
        used,
        false,
      ),
      version: field(r, () => r.pick<unknown>([0, -1, 1.5, 'latest', 999]), undefined, used, false),
      input: field(r, () => r.pick<unknown>([[], 'text', 42, null, [junk(r)]]), { ok: true }, used, false),
      businessKey: field(r, () => r.pick<unknown>(['', 'k'.repeat(201), 42, {}]), undefined, used, !used.bad),
    };
    return {
      label: `startInstance ${JSON.stringify(raw).slice(0, 120)}`,
      call: () => service.startInstance(ctx, raw as never),
    };
  }
  if (kind === 1) {
    const raw = {
      instanceId: field(r, () => badId(r), instanceId, used, false),
      type: field(r, () => badEvent(r), 'TICK', used, false),
      reason: field(r, () => r.pick<unknown>(['r'.repeat(2_001), 42, {}]), undefined, used, !used.bad),
    };
    return {
      label: `sendEvent ${JSON.stringify(raw).slice(0, 120)}`,
      call: () => service.sendEvent(ctx, raw as never),
    };
  }
  const id = badId(r);
  const name = r.pick(['getInstance', 'getTimeline', 'cancelInstance', 'retryTask', 'cancelTask'] as const);
  const raw =
    name === 'retryTask' || name === 'cancelTask' ? { taskId: id, reason: 'fuzz' } : { instanceId: id, reason: 'fuzz' };
  return {
    label: `${name} ${JSON.stringify(raw).slice(0, 120)}`,
    call: () => (service[name] as (c: TenantContext, i: unknown) => Promise<unknown>)(ctx, raw),
  };
}
