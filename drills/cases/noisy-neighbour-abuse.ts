import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onCleanup, sleep, type Stack } from '@switchyard/testkit';
import { forkBombSpec, hoarderSpec, poisonEventSpec, selfLoopSpec } from '@switchyard/testkit/specs';

// Tenant A, the noisy neighbour of the noisy-neighbour drill: what it launches and how each abuse ended.

export const OVERSIZED_BYTES = 2 * 1024 * 1024;

export interface GuardOutcome {
  status: string;
  guard?: string;
  figure?: string;
}

/** A slow upstream: answers after `delayMs` (at once on /fast), so an HTTP task calling it holds a slot that long. */
export async function startSlowServer(delayMs: number): Promise<number> {
  const server = createServer((request, response) => {
    if (request.url === '/fast') {
      response.end('fast');
      return;
    }
    const timer = setTimeout(() => response.end('late'), delayMs);
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

/** How a runaway instance ended: its status and the guard its timeline names. */
export async function guardOutcome(stack: Stack, instanceId: string): Promise<GuardOutcome> {
  const { rows } = await stack.sql.query<{
    status: string;
    payload: { guard: string; limit: number; value: number } | null;
  }>(
    `
    SELECT i.status::text AS status, (SELECT payload FROM "WorkflowEvent" e WHERE e."instanceId" = i.id AND e.type = 'instance.guard_tripped' ORDER BY seq DESC LIMIT 1) AS payload
    FROM "WorkflowInstance" i WHERE i.id = $1`,
    [instanceId],
  );
  const row = rows[0];
  return {
    status: row?.status ?? 'missing',
    guard: row?.payload?.guard,
    figure: row?.payload ? `${row.payload.value} > ${row.payload.limit}` : undefined,
  };
}

export async function poisonOutcome(
  stack: Stack,
  instanceId: string,
): Promise<{ deadLettered: boolean; rejected: string | undefined; status: string }> {
  const { rows } = await stack.sql.query<{ dead: number; error: string | null; status: string }>(
    `
    SELECT (SELECT count(*)::int FROM "Outbox" o WHERE o.payload->>'instanceId' = $1 AND o."deadLetteredAt" IS NOT NULL AND o."processedAt" IS NULL) AS dead,
      (SELECT payload->>'error' FROM "WorkflowEvent" e WHERE e."instanceId" = $1::uuid AND e.type = 'event.rejected' LIMIT 1) AS error,
      (SELECT status::text FROM "WorkflowInstance" WHERE id = $1::uuid) AS status`,
    [instanceId],
  );
  return {
    deadLettered: (rows[0]?.dead ?? 0) > 0,
    rejected: rows[0]?.error ?? undefined,
    status: rows[0]?.status ?? 'missing',
  };
}

/** Starts an instance, or reports the refusal (an input limit): either way the oversized input must not get through. */
async function tryStart(
  stack: Stack,
  definitionKey: string,
  input?: Record<string, unknown>,
): Promise<{ instanceId?: string; refused?: string }> {
  try {
    return { instanceId: (await stack.engine.service.startInstance(stack.ctx, { definitionKey, input })).instanceId };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

async function stateOf(stack: Stack, instanceId: string): Promise<string | undefined> {
  const { rows } = await stack.sql.query<{ stateValue: string }>(
    `SELECT "stateValue" FROM "WorkflowInstance" WHERE id = $1`,
    [instanceId],
  );
  return rows[0]?.stateValue;
}

const start = async (stack: Stack, definitionKey: string) =>
  (await stack.engine.service.startInstance(stack.ctx, { definitionKey })).instanceId;

export interface AbuseOptions {
  /** DELAY tasks per wave (timers: they must not hold slots). */
  delays: number;
  /** Slow HTTP calls, launched once: they hold slots up to A's cap for the whole call. */
  slowCalls: number;
  /** A new wave (a self-loop, a fork bomb, more DELAYs) this often until `stop` resolves. */
  waveMs: number;
}

export interface Abuse {
  runaways: { selfLoop: string[]; forkBomb: string[] };
  bigInput: { instanceId?: string; refused?: string };
  /** The refusal of the oversized KEEP payload, or undefined when it was accepted (then a guard must stop it). */
  oversizedEvent: string | undefined;
  small: string;
  poison: string;
  waves: number;
}

/**
 * Tenant A keeps abusing for as long as tenant B is measured: long tasks over its cap from the start, then a wave
 * every `waveMs` of a new self-loop, a new fork bomb and more DELAYs, so every window of B's run is under pressure;
 * once, an oversized start input, an oversized event payload and a poison event.
 */
export async function abuseAsTenantA(stack: Stack, options: AbuseOptions, stop: Promise<void>): Promise<Abuse> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  const runaways: Abuse['runaways'] = { selfLoop: [], forkBomb: [] };
  const wave = async () => {
    const [selfLoop, forkBomb] = await Promise.all([
      start(stack, selfLoopSpec.id),
      start(stack, forkBombSpec.id),
      ...Array.from({ length: options.delays }, () => start(stack, 'hostile-delay')),
    ]);
    runaways.selfLoop.push(selfLoop);
    runaways.forkBomb.push(forkBomb);
  };
  await Promise.all([...Array.from({ length: options.slowCalls }, () => start(stack, 'hostile-slow-http')), wave()]);
  const blob = 'x'.repeat(OVERSIZED_BYTES);
  const bigInput = await tryStart(stack, hoarderSpec.id, { blob });
  const small = await start(stack, hoarderSpec.id);
  const poison = await start(stack, poisonEventSpec.id);
  // The oversized payload and the poison event go to instances that have started.
  while ((await stateOf(stack, small)) !== 'keeping') await sleep(50);
  let oversizedEvent: string | undefined;
  try {
    await stack.engine.service.sendEvent(stack.ctx, { instanceId: small, type: 'KEEP', payload: { blob } });
  } catch (error) {
    oversizedEvent = error instanceof Error ? error.message : String(error);
  }
  while ((await stateOf(stack, poison)) !== 'waiting') await sleep(50);
  await stack.engine.service.sendEvent(stack.ctx, {
    instanceId: poison,
    type: 'POISON',
    payload: { key: randomBytes(12_000).toString('hex') },
  });
  let waves = 1;
  for (;;) {
    await Promise.race([sleep(options.waveMs), stop]);
    if (stopped) break;
    await wave();
    waves++;
  }
  return { runaways, bigInput, oversizedEvent, small, poison, waves };
}

/**
 * Runs each kind of A's work once to its end (a short DELAY and HTTP call, a self-loop and a fork bomb to their
 * guards), so neither phase of B's measurement pays for the first run of a code path in the workers.
 */
export async function warmUpTenantA(stack: Stack): Promise<void> {
  const ids = await Promise.all(
    ['warm-delay', 'warm-http', selfLoopSpec.id, forkBombSpec.id].map((key) => start(stack, key)),
  );
  for (;;) {
    const { rows } = await stack.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE id = ANY($1::uuid[]) AND status IN ('completed', 'failed')`,
      [ids],
    );
    if (rows[0]?.n === ids.length) return;
    await sleep(100);
  }
}
