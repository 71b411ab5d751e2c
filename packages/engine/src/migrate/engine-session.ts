import type { SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import { createMigrateAdapter } from './adapter';
import type { PgTarget } from './connection';
import { loadSchemaEngine } from './schema-engine';

/** A plain log sink; the default drops everything. */
export type Log = (msg: string) => void;

export const noLog: Log = () => {};

/** Runs fn with a schema engine connected to the target, then frees it and closes every pool. */
export async function withSchemaEngine<T>(
  target: PgTarget,
  schemaFiles: SchemaContainer[] | undefined,
  log: Log,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const adapter = createMigrateAdapter(target);
  let engine: SchemaEngine | undefined;
  try {
    const datamodels = schemaFiles?.map((f): [string, string] => [f.path, f.content]);
    engine = await SchemaEngineClass.new({ datamodels }, (line: string) => log(`engine: ${line}`), adapter.factory);
    return await fn(engine);
  } catch (error) {
    throw asEngineError(error);
  } finally {
    engine?.free();
    await adapter.close();
  }
}

/** The engine throws objects or JSON strings; turn them into an Error with a readable message. */
function asEngineError(error: unknown): Error {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : safeJson(error);
  const message = condenseEngineMessage(raw);
  if (error instanceof Error && message === raw) return error;
  return new Error(message, { cause: error });
}

/**
 * Engine messages end in a span trace ("   0: sql_schema_connector::… with migration_name=…").
 * Keep the text above it on one line and name the migration the trace points at.
 */
export function condenseEngineMessage(raw: string): string {
  const lines = raw.split('\n').map((line) => line.trim());
  const traceStart = lines.findIndex((line) => /^\d+: \S+::/.test(line));
  if (traceStart === -1) return raw;
  const text = lines
    .slice(0, traceStart)
    .filter((line) => line && line !== 'Error:')
    .reduce((acc, line) => (acc ? `${acc}${/[.:]$/.test(acc) ? ' ' : ': '}${line}` : line), '');
  const migration = /migration_name="([^"]+)"/.exec(lines.slice(traceStart).join('\n'))?.[1];
  return migration && !text.includes(migration) ? `migration ${migration} failed: ${text}` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
