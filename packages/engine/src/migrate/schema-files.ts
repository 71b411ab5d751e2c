import { readFile } from 'node:fs/promises';
import type { SchemaContainer } from '@prisma/schema-engine-wasm';

/** Reads schema.prisma as the engine's list of schema files. */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const content = await readFile(schemaPath, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read Prisma schema at ${schemaPath}: ${error.message}`);
  });
  return [{ path: schemaPath, content }];
}
