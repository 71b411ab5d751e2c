import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import type { PgTarget } from './connection';
import { pgConfig } from './connection';
import { createShadowDatabase } from './shadow-db';

/** The adapter factory handed to the schema engine, plus a way to release whatever it opened. */
export interface MigrateAdapter {
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** Disposes adapters the engine left open and drops leftover shadow databases. */
  close(): Promise<void>;
}

// Catalog column types the engine's introspection queries return ("char", name, int2vector,
// oidvector, pg_node_tree, regclass, regtype). adapter-pg's fieldToColumnType throws
// UnsupportedNativeDataType for them; their text form is exactly what the engine expects.
const CATALOG_OIDS = new Set([18, 19, 22, 30, 194, 2205, 2206]);
const TEXT_OID = 25;

/** The private surface of adapter-pg's PgQueryable / PrismaPgAdapter that we patch per instance. */
interface PgQueryableInternals {
  performIO(query: SqlQuery): Promise<pg.QueryResult>;
}
interface PgAdapterInternals {
  underlyingDriver(): pg.Pool;
  onError(error: unknown): never;
}

/**
 * Builds the engine's adapter factory for a database: PrismaPg with our three workarounds
 * (shadow database lifecycle, catalog column types, whole-script execution), bound by
 * bindMigrationAwareSqlAdapterFactory (the error-capturing wrapper the wasm engine requires).
 */
export function createMigrateAdapter(target: PgTarget): MigrateAdapter {
  const options = target.schema ? { schema: target.schema } : undefined;
  // Separate fields, not a connection string: a connection string would override `database`.
  const main = new PrismaPg(pgConfig(target), options);
  const open = new Set<SqlDriverAdapter>();
  const cleanups = new Set<() => Promise<void>>();

  const track = (adapter: SqlDriverAdapter, after?: () => Promise<void>): SqlDriverAdapter => {
    let disposing: Promise<void> | undefined;
    const dispose = adapter.dispose.bind(adapter);
    // Idempotent, so our close() and the engine can both dispose without a double pool.end().
    adapter.dispose = () => {
      disposing ??= (async () => {
        open.delete(adapter);
        await dispose();
        await after?.();
      })();
      return disposing;
    };
    open.add(adapter);
    return adapter;
  };

  const raw: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: main.adapterName,
    async connect() {
      return track(patchAdapter(await main.connect()));
    },
    // Replaces PrismaPg.connectToShadowDb, which drops the shadow database *before* ending the
    // pool connected to it, so the DROP fails ("being accessed by other users") and leaks it.
    // We create it ourselves and drop it only after the pool has closed.
    async connectToShadowDb() {
      const shadow = await createShadowDatabase(target);
      cleanups.add(() => shadow.drop());
      try {
        const adapter = await new PrismaPg(pgConfig(target, shadow.name), options).connect();
        return track(patchAdapter(adapter), () => shadow.drop());
      } catch (error) {
        await shadow.drop();
        throw error;
      }
    },
  };

  return {
    factory: bindMigrationAwareSqlAdapterFactory(raw),
    async close() {
      for (const adapter of [...open]) await adapter.dispose();
      for (const drop of cleanups) await drop();
    },
  };
}

/** Applies the per-instance workarounds to an adapter and to the transactions it starts. */
function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportCatalogTypesAsText(adapter);
  runScriptsWhole(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    reportCatalogTypesAsText(tx);
    return tx;
  };
  return adapter;
}

/** Rewrites catalog column OIDs to text before adapter-pg maps them (see CATALOG_OIDS). */
function reportCatalogTypesAsText(queryable: object): void {
  const internals = queryable as PgQueryableInternals;
  if (typeof internals.performIO !== 'function') {
    throw new Error('@prisma/adapter-pg changed: PgQueryable.performIO is gone; revisit migrate/adapter.ts');
  }
  const performIO = internals.performIO.bind(queryable);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
}

/**
 * adapter-pg's executeScript splits the script on every ";" and runs the pieces one by one, which
 * breaks any migration with a function body ($$ ... ; ... $$) and leaves a half-applied migration on
 * error. The engine applies migration.sql through it, so send the script as one simple-protocol
 * query instead, as the native engine does: Postgres runs it in one implicit transaction.
 */
function runScriptsWhole(adapter: SqlDriverAdapter): void {
  const internals = adapter as unknown as PgAdapterInternals;
  if (typeof internals.underlyingDriver !== 'function' || typeof internals.onError !== 'function') {
    throw new Error('@prisma/adapter-pg changed: underlyingDriver/onError are gone; revisit migrate/adapter.ts');
  }
  adapter.executeScript = async (script) => {
    try {
      await internals.underlyingDriver().query(script);
    } catch (error) {
      internals.onError(error); // maps to the DriverAdapterError the engine understands
    }
  };
}
