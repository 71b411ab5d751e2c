import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type SchemaEngineClass = typeof SchemaEngine;

type WasmExports = Record<string, unknown>;

interface WasmBindings {
  SchemaEngine: SchemaEngineClass;
  __wbg_set_wasm(exports: WasmExports): void;
}

// The project's lib (ES2023, no DOM) has no WebAssembly typings; this is the slice we use.
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: WasmExports } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const require = createRequire(import.meta.url);
let loading: Promise<SchemaEngineClass> | undefined;

/**
 * Loads the WebAssembly schema engine once per process.
 * The package's own entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
 * cannot import, so we instantiate the .wasm by hand against its JS glue module.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<SchemaEngineClass> {
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import(pathToFileURL(gluePath).href)) as WasmBindings;
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return glue.SchemaEngine;
}
