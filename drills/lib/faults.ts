import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pg } from '../../bench/lib/modules';
import { ADMIN_URL } from '../../bench/lib/stack';
import { sleep } from '../../bench/lib/stats';

const run = promisify(execFile);

async function redisUp(): Promise<boolean> {
  try {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping']);
    return stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}

/** Starts Redis the way this machine runs it (no persistence), unless it already answers. */
export async function ensureRedis(): Promise<void> {
  if (await redisUp()) return;
  await run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no']);
  for (let i = 0; i < 100 && !(await redisUp()); i++) await sleep(50);
}

/** Stops Redis without saving (every queued job is gone), waits `downMs`, starts it again. */
export async function restartRedis(downMs: number): Promise<void> {
  await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'shutdown', 'nosave']).catch(() => undefined);
  await sleep(downMs);
  await ensureRedis();
}

/** Empties Redis: the queues, their jobs and their locks. Postgres still has the outbox. */
export async function flushRedis(): Promise<void> {
  await run('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'flushall']);
}

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Restarts the Postgres cluster (fast shutdown: every session is cut) and waits until it accepts connections. */
export async function restartPostgres(): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'restart', '-m', 'fast']);
  await ensurePostgres();
}

/** Waits for Postgres to accept connections, starting the cluster if it is down. */
export async function ensurePostgres(): Promise<void> {
  if (await postgresUp()) return;
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'start']).catch(() => undefined);
  for (let i = 0; i < 200 && !(await postgresUp()); i++) await sleep(100);
}

/** Terminates every session on `database` except ours: what a failover or an idle-session killer does to workers. */
export async function terminateBackends(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    return rows.filter((r) => r.ok).length;
  } finally {
    await client.end();
  }
}
