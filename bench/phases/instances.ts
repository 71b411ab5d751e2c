import { pollUntil, progress, progressDone, runPool, type Stack } from '@switchyard/testkit';

/** Starts `count` instances of `definitionKey` through the service API, `parallel` at a time; returns their ids. */
export async function startInstances(
  stack: Stack,
  definitionKey: string,
  count: number,
  parallel: number,
  label: string,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  await runPool(
    count,
    parallel,
    async (i) => {
      ids[i] = (await stack.engine.service.startInstance(stack.ctx, { definitionKey })).instanceId;
    },
    (done) => progress(label, done, count),
  );
  progressDone(label, `${count} started`);
  return ids;
}

/** Waits until `count` instances of `definitionKey` satisfy a SQL condition on "WorkflowInstance". */
export async function waitForInstances(
  stack: Stack,
  definitionKey: string,
  where: string,
  count: number,
  label: string,
  timeoutMs: number,
): Promise<void> {
  await pollUntil(
    async () => {
      const { rows } = await stack.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "WorkflowInstance" WHERE "definitionKey" = $1 AND ${where}`,
        [definitionKey],
      );
      const n = rows[0]?.n ?? 0;
      progress(label, n, count);
      return n >= count;
    },
    `${count} ${definitionKey} instances with ${where}`,
    timeoutMs,
  );
}
