import { progress, sleep, type Stack } from '@switchyard/testkit';

/**
 * Starts instances at a steady rate until `count` exist, retrying a start that fails while a fault is being
 * injected (a client would too). Returns the ids as they are created, so a fault can land mid-load.
 */
export function startLoad(
  stack: Stack,
  definitionKey: string,
  count: number,
  perSecond: number,
  label: string,
): { ids: string[]; done: Promise<void> } {
  const ids: string[] = [];
  const done = (async () => {
    const started = Date.now();
    let failures = 0;
    while (ids.length < count) {
      const due = Math.min(count, Math.floor(((Date.now() - started) / 1000) * perSecond) + 1);
      const batch = Array.from({ length: Math.max(0, due - ids.length) }, () =>
        stack.engine.service.startInstance(stack.ctx, { definitionKey }),
      );
      const results = await Promise.allSettled(batch);
      for (const r of results) {
        if (r.status === 'fulfilled') ids.push(r.value.instanceId);
        else failures++;
      }
      progress(label, ids.length, count);
      // While Postgres is down starts fail fast; back off instead of spinning.
      await sleep(failures > 0 && results.some((r) => r.status === 'rejected') ? 250 : 20);
    }
  })();
  return { ids, done };
}
