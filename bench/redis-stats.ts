// Redis work per unit, from the server's own counters (INFO commandstats and stats) read around a phase. The bench
// runs its queues on a Redis of its own, so the counts are the engine's alone.
import { createRedis } from '../packages/engine/src/queues/connection';

export interface RedisCounts {
  /** Requests read from clients (`total_reads_processed`): a pipelined batch is one; roughly the round trips. */
  requests: number;
  /** Every command Redis ran, those inside scripts included, by name. */
  commands: Record<string, number>;
  /** Microseconds Redis spent running them. */
  usec: number;
}

async function read(urls: string[]): Promise<RedisCounts> {
  const totals: RedisCounts = { requests: 0, commands: {}, usec: 0 };
  for (const url of urls) {
    const redis = createRedis(url);
    try {
      const info = await redis.info('all');
      totals.requests += Number(/total_reads_processed:(\d+)/.exec(info)?.[1] ?? 0);
      for (const [, name, calls, usec] of info.matchAll(/cmdstat_([^:]+):calls=(\d+),usec=(\d+)/g)) {
        totals.commands[name!] = (totals.commands[name!] ?? 0) + Number(calls);
        totals.usec += Number(usec);
      }
    } finally {
      redis.disconnect();
    }
  }
  return totals;
}

/** Starts counting on these Redis servers; the returned function gives what was done since (our INFO calls aside). */
export async function startRedisWindow(urls: string[]): Promise<() => Promise<RedisCounts>> {
  const before = await read(urls);
  return async () => {
    const after = await read(urls);
    const commands: Record<string, number> = {};
    for (const [name, calls] of Object.entries(after.commands)) {
      const delta = calls - (before.commands[name] ?? 0) - (name === 'info' ? urls.length : 0);
      if (delta > 0) commands[name] = delta;
    }
    return { requests: after.requests - before.requests - urls.length, commands, usec: after.usec - before.usec };
  };
}

/** "3.1 requests, 24 commands (evalsha 2.0, hset 3.0, …)" per unit. */
export function describePer(counts: RedisCounts, units: number, top = 6): string {
  const total = Object.values(counts.commands).reduce((a, b) => a + b, 0);
  const named = Object.entries(counts.commands)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, calls]) => `${name} ${(calls / units).toFixed(1)}`)
    .join(', ');
  return `${(counts.requests / units).toFixed(1)} requests, ${(total / units).toFixed(1)} commands (${named}), ${(counts.usec / units).toFixed(0)} µs`;
}
