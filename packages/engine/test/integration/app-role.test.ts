import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../../src/migrate';
import { helloWorkflow } from '../../src/workflows/fixtures';
import { createHarness, REDIS_URL, type Harness } from '../support/harness';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function query(url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

describe('the least-privilege app role', () => {
  let h: Harness;
  let instanceId: string;
  beforeAll(async () => {
    h = await createHarness();
    h.startWorker();
    // The whole engine path (start → task → completion) runs as the app role: the harness connects as it.
    const started = await h.engine.service.startInstance(h.ctx, { definitionKey: helloWorkflow.id });
    instanceId = started.instanceId;
    await h.waitForInstance(instanceId, (i) => i.status === 'completed');
    await h.engine.service.createApiToken(h.ctx, { name: 'audit-row', role: 'viewer' });
  });
  afterAll(async () => h.close());

  it('is who the engine connects as, and it is no superuser', async () => {
    const { rows } = await query(
      h.databaseUrl,
      'SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super',
    );
    expect(rows[0]).toEqual({ who: APP_ROLE, super: false });
  });

  it('owns no table, sequence or function in the database', async () => {
    const { rows } = await query(
      h.ownerDatabaseUrl,
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1
       UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = $1`,
      [APP_ROLE],
    );
    expect(rows).toEqual([]);
  });

  it('reads and appends to WorkflowEvent and AuditLog', async () => {
    const events = await query(
      h.databaseUrl,
      'SELECT count(*)::int AS n FROM "WorkflowEvent" WHERE "instanceId" = $1',
      [instanceId],
    );
    expect(events.rows[0].n).toBeGreaterThan(3);
    const audit = await query(h.databaseUrl, `SELECT action FROM "AuditLog" WHERE "tenantId" = 'demo'`);
    expect(audit.rows.map((r: { action: string }) => r.action)).toContain('api_token.created');
  });

  for (const table of ['WorkflowEvent', 'AuditLog']) {
    it(`cannot UPDATE, DELETE or TRUNCATE ${table}`, async () => {
      await expect(query(h.databaseUrl, `UPDATE "${table}" SET "actorId" = 'tampered'`)).rejects.toThrow(
        `permission denied for table ${table}`,
      );
      await expect(query(h.databaseUrl, `DELETE FROM "${table}"`)).rejects.toThrow(
        `permission denied for table ${table}`,
      );
      await expect(query(h.databaseUrl, `TRUNCATE "${table}" CASCADE`)).rejects.toThrow(
        `permission denied for table ${table}`,
      );
      const { rows } = await query(
        h.ownerDatabaseUrl,
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE "actorId" = 'tampered')::int AS tampered FROM "${table}"`,
      );
      expect(rows[0].n).toBeGreaterThan(0);
      expect(rows[0].tampered).toBe(0);
    });

    it(`refuses TRUNCATE of ${table} even to the owner (a BEFORE TRUNCATE trigger)`, async () => {
      await expect(query(h.ownerDatabaseUrl, `TRUNCATE "${table}" CASCADE`)).rejects.toThrow(`${table} is append-only`);
    });
  }

  it('cannot read the migrations table or create a table', async () => {
    await expect(query(h.databaseUrl, 'SELECT * FROM _prisma_migrations')).rejects.toThrow('permission denied');
    await expect(query(h.databaseUrl, `CREATE TABLE "Sneaky_${randomUUID().slice(0, 8)}" (id int)`)).rejects.toThrow(
      'permission denied for schema public',
    );
  });

  it('`pnpm switchyard migrate` given only the app URL migrates as the owner and re-grants, idempotently', async () => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: h.databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: h.queuePrefix,
    };
    delete env.MIGRATE_DATABASE_URL;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'packages/engine/src/cli/main.ts', 'migrate'], {
      cwd: repoRoot,
      env,
    });
    expect(stdout.trim()).toBe('database is up to date');
    await expect(query(h.databaseUrl, `DELETE FROM "AuditLog"`)).rejects.toThrow(
      'permission denied for table AuditLog',
    );
  });

  it('refuses to migrate when DATABASE_URL names the owner itself', async () => {
    const env = {
      ...process.env,
      DATABASE_URL: h.ownerDatabaseUrl,
      MIGRATE_DATABASE_URL: h.ownerDatabaseUrl,
      REDIS_URL,
    };
    const result = await run(process.execPath, ['--import', 'tsx', 'packages/engine/src/cli/main.ts', 'migrate'], {
      cwd: repoRoot,
      env,
    }).catch((e: unknown) => e as { stderr: string; code: number });
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('DATABASE_URL must name a separate role');
  });
});
