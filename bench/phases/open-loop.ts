import { progress, sleep } from '@switchyard/testkit';

/**
 * Calls `send(i)` at a steady `ratePerSec` for `durationMs` whatever the latency (an open loop, as real clients
 * behave), with at most `maxInFlight` outstanding; returns the achieved rate so a saturated sender is visible.
 */
export async function openLoop(
  ratePerSec: number,
  durationMs: number,
  maxInFlight: number,
  label: string,
  send: (i: number) => Promise<void>,
): Promise<{ sent: number; achievedPerSec: number }> {
  const total = Math.max(1, Math.round((ratePerSec * durationMs) / 1000));
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerSec) + 1);
    while (sent < due && inFlight.size < maxInFlight) {
      const p: Promise<void> = send(sent++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    progress(label, sent, total);
    await sleep(2);
  }
  await Promise.all(inFlight);
  const achievedPerSec = sent / ((performance.now() - started) / 1000);
  return { sent, achievedPerSec };
}
