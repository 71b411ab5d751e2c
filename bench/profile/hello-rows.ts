// What one hello-workflow instance leaves in Postgres: every row written for it and its size in bytes (timeline
// entries, the instance's columns, tasks, outbox). Run: tsx bench/profile/hello-rows.ts [input KiB]
import {
  createStack,
  installSignalCleanup,
  pollUntil,
  runCleanup,
  spawnWorker,
  waitForWorkers,
} from '@switchyard/testkit';
import { helloNoopSpec } from '../specs';

installSignalCleanup();
try {
  const kib = Number(process.argv[2] ?? '0');
  const stack = await createStack('switchyard_bench_rows', 'rows', [helloNoopSpec]);
  spawnWorker(stack, {});
  await waitForWorkers(stack, 1);
  const input = kib > 0 ? { blob: 'x'.repeat(kib * 1024) } : undefined;
  const { instanceId } = await stack.engine.service.startInstance(stack.ctx, {
    definitionKey: 'bench-hello',
    ...(input ? { input } : {}),
  });
  await pollUntil(
    async () =>
      (await stack.sql.query(`SELECT 1 FROM "WorkflowInstance" WHERE id = $1 AND status = 'completed'`, [instanceId]))
        .rowCount === 1,
    'instance completed',
    30_000,
  );
  const q = async (label: string, text: string) => {
    const { rows } = await stack.sql.query(text, [instanceId]);
    console.log(`\n${label}`);
    console.table(rows);
  };
  await q(
    'timeline',
    `SELECT seq, type, pg_column_size(payload) AS payload_bytes, left(payload::text, 160) AS payload FROM "WorkflowEvent" WHERE "instanceId" = $1 ORDER BY seq`,
  );
  await q(
    'instance',
    `SELECT pg_column_size(i.*) AS row_bytes, pg_column_size(context) AS context, pg_column_size(snapshot) AS snapshot, pg_column_size(input) AS input, left(snapshot::text, 300) AS snapshot_text FROM "WorkflowInstance" i WHERE id = $1`,
  );
  await q(
    'tasks',
    `SELECT pg_column_size(t.*) AS row_bytes, pg_column_size(input) AS input, pg_column_size(output) AS output FROM "Task" t WHERE "instanceId" = $1`,
  );
  await q(
    'outbox',
    `SELECT queue, pg_column_size(o.*) AS row_bytes, left(payload::text, 200) AS payload FROM "Outbox" o WHERE "instanceId" = $1`,
  );
  await q(
    'bytes written for the instance',
    `SELECT (SELECT coalesce(sum(pg_column_size(e.*)), 0) FROM "WorkflowEvent" e WHERE "instanceId" = $1)
          + (SELECT pg_column_size(i.*) FROM "WorkflowInstance" i WHERE id = $1)
          + (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM "Task" t WHERE "instanceId" = $1)
          + (SELECT coalesce(sum(pg_column_size(o.*)), 0) FROM "Outbox" o WHERE "instanceId" = $1) AS total`,
  );
} finally {
  await runCleanup();
}
process.exit(0);
