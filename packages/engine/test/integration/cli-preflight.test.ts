import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { adminQuery, createTestDatabase, databaseUrl } from '../support/database';
import { REDIS_URL } from '../support/harness';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function cli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/engine/src/cli/main.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('switchyard CLI when its services are missing', () => {
  it('prints one line naming Redis and how to start it when Redis is down', async () => {
    const db = await createTestDatabase();
    try {
      const port = await closedPort();
      const result = await cli({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}` }, 'list');
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `error: cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED): start it with \`bash scripts/ensure-services.sh\` or \`redis-server --daemonize yes\`, or set REDIS_URL`,
      ]);
    } finally {
      await db.drop();
    }
  });

  it('says "run pnpm switchyard migrate" for an unmigrated or missing database, instead of a Prisma dump', async () => {
    const name = `sy_unmigrated_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    try {
      const empty = await cli({ DATABASE_URL: databaseUrl(name), REDIS_URL }, 'list');
      expect(empty.code).toBe(1);
      expect(empty.stderr.trim()).toBe('error: database not migrated: run `pnpm switchyard migrate`');
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    const missing = await cli({ DATABASE_URL: databaseUrl(`${name}_missing`), REDIS_URL }, 'list');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('run `pnpm switchyard migrate` (it creates it)');
  });

  it('prints one line naming PostgreSQL when nothing listens at DATABASE_URL', async () => {
    const port = await closedPort();
    const result = await cli({ DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/switchyard`, REDIS_URL }, 'list');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error: cannot reach PostgreSQL at postgresql://postgres@127.0.0.1:${port}/switchyard (ECONNREFUSED): start it with \`bash scripts/ensure-services.sh\`, or set DATABASE_URL`,
    );
  });
});
