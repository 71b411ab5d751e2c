#!/usr/bin/env node
// The `switchyard` command: runs the bundled CLI that `pnpm install` / `pnpm build` writes to dist/cli/.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

const main = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('error: the CLI is not built yet: run `pnpm build:cli` (pnpm install does it too)\n');
  process.exit(1);
}
// A CLI call runs Prisma's WebAssembly query compiler for a few queries: V8's baseline compiler (Liftoff) is
// enough, and skipping the optimising tier-up halves the call's CPU time. A long `worker` keeps the default.
if (process.argv[2] !== 'worker') setFlagsFromString('--liftoff-only');
await import(main.href);
