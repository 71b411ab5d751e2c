import pg from 'pg';
import { progress, progressDone } from '@switchyard/testkit';

/** Single-row UPDATE commits per second from `connections` sessions, each on its own row (no lock waits). */
export async function measurePostgresCommits(
  databaseUrl: string,
  connections: number,
  durationMs: number,
): Promise<{ commitsPerSec: number; connections: number }> {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS bench_commit (id int PRIMARY KEY, n bigint NOT NULL)');
  await setup.query('INSERT INTO bench_commit SELECT g, 0 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING', [
    connections,
  ]);
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  let commits = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const timer = setInterval(
    () => progress('limit: postgres commits', Math.round(performance.now() - started), durationMs),
    200,
  );
  await Promise.all(
    clients.map(async (client, i) => {
      while (performance.now() < deadline) {
        // Autocommit: each statement is one durable commit (synchronous_commit as configured, normally on).
        await client.query('UPDATE bench_commit SET n = n + 1 WHERE id = $1', [i + 1]);
        commits++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await Promise.all(clients.map((c) => c.end()));
  await setup.query('DROP TABLE bench_commit');
  await setup.end();
  const commitsPerSec = commits / seconds;
  progressDone('limit: postgres commits', `${Math.round(commitsPerSec)} commits/s from ${connections} connections`);
  return { commitsPerSec, connections };
}
