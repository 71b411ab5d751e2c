import { createHash, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  checkDrift,
  defaultMigrationsDir,
  dropDatabase,
  ensureDatabase,
} from '../../src/migrate/index';

const database = `switchyard_test_migrate_${randomUUID().slice(0, 8)}`;
const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${database}`;
// Every migration folder in prisma/migrations, so the test keeps up as migrations are added.
const migrationCount = readdirSync(defaultMigrationsDir(), { withFileTypes: true }).filter((d) =>
  d.isDirectory(),
).length;

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<T>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

describe('migrate (wasm schema engine)', () => {
  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
  });

  afterAll(async () => {
    await dropDatabase(databaseUrl);
  });

  it('applies every migration once, then nothing', async () => {
    const first = await applyMigrations({ databaseUrl });
    expect(first.applied).toHaveLength(migrationCount);
    expect(first.applied[0]).toMatch(/^\d{14}_init$/);
    expect(first.applied[1]).toMatch(/^\d{14}_audit_append_only$/);

    const second = await applyMigrations({ databaseUrl });
    expect(second.applied).toEqual([]);
  });

  it('records _prisma_migrations rows as Prisma does (checksum = sha256 of migration.sql)', async () => {
    const { rows } = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toHaveLength(migrationCount);
    for (const row of rows) {
      const sql = await readFile(path.join(defaultMigrationsDir(), row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
    }
  });

  it('makes WorkflowEvent append-only at the database', async () => {
    await query(`INSERT INTO "Tenant" (id, name) VALUES ('t1', 'T1')`);
    const definitionId = randomUUID();
    const instanceId = randomUUID();
    await query(
      `INSERT INTO "WorkflowDefinition" (id, "tenantId", key, version, name, spec, "publishedBy") VALUES ($1, 't1', 'k', 1, 'K', '{}', 'u')`,
      [definitionId],
    );
    await query(
      `INSERT INTO "WorkflowInstance" (id, "tenantId", "definitionId", "definitionKey", "definitionVersion", "stateValue", context, snapshot, "createdBy", "updatedAt")
       VALUES ($1, 't1', $2, 'k', 1, 'start', '{}', '{}', 'u', now())`,
      [instanceId, definitionId],
    );
    await query(
      `INSERT INTO "WorkflowEvent" ("tenantId", "instanceId", seq, type, "actorType", "actorId", payload) VALUES ('t1', $1, 1, 'created', 'user', 'u', '{}')`,
      [instanceId],
    );

    await expect(query(`UPDATE "WorkflowEvent" SET type = 'tampered'`)).rejects.toThrow('WorkflowEvent is append-only');
    await expect(query(`DELETE FROM "WorkflowEvent"`)).rejects.toThrow('WorkflowEvent is append-only');
    await expect(query(`UPDATE "WorkflowDefinition" SET spec = '{"x":1}'`)).rejects.toThrow(
      'published definitions are immutable',
    );
    await expect(query(`DELETE FROM "WorkflowDefinition"`)).rejects.toThrow('published definitions are immutable');
    // Columns outside the definition's identity and spec stay editable.
    await expect(query(`UPDATE "WorkflowDefinition" SET message = 'note'`)).resolves.toMatchObject({ rowCount: 1 });
  });

  it('serializes two concurrent runs with the advisory lock', async () => {
    const otherUrl = `postgresql://postgres@127.0.0.1:5432/${database}_concurrent`;
    await ensureDatabase(otherUrl);
    try {
      const runs = await Promise.all([
        applyMigrations({ databaseUrl: otherUrl }),
        applyMigrations({ databaseUrl: otherUrl }),
      ]);
      expect(runs.map((r) => r.applied.length).sort()).toEqual([0, migrationCount]);
    } finally {
      await dropDatabase(otherUrl);
    }
  });

  it('reports no drift between schema.prisma and the migrations', async () => {
    const result = await checkDrift({ databaseUrl });
    expect(result.drift, result.script).toBe(false);
  });
});
