import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { ADMIN_URL } from './stack';
import { sleep } from './stats';

const run = promisify(execFile);

/** True when a Redis answers PING on this loopback port. */
export async function redisUp(port: number): Promise<boolean> {
  try {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']);
    return stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}

async function startRedis(port: number): Promise<void> {
  if (await redisUp(port)) return;
  await run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  for (let i = 0; i < 100 && !(await redisUp(port)); i++) await sleep(50);
}

/** A Redis of the drill's own on a loopback port, so restarting or flushing it never touches the machine's Redis. */
export interface ScratchRedis {
  url: string;
  /** Stops it without saving (every queued job is gone), waits `downMs`, starts it again. */
  restart(downMs: number): Promise<void>;
  /** Empties it: the queues, their jobs and their locks. Postgres still has the outbox. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function startScratchRedis(): Promise<ScratchRedis> {
  const port = 16_400 + Math.floor(Math.random() * 1_000);
  await startRedis(port);
  const cli = (...args: string[]) => run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart(downMs) {
      await cli('shutdown', 'nosave').catch(() => undefined);
      await sleep(downMs);
      await startRedis(port);
    },
    async flush() {
      await cli('flushall');
    },
    async stop() {
      await cli('shutdown', 'nosave').catch(() => undefined);
    },
  };
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
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.filter((r) => r.ok).length;
  } finally {
    await client.end();
  }
}
