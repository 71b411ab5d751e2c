// Bundles the CLI — src/cli/main.ts, the engine it imports and its dependencies — into dist/cli/ with esbuild,
// so `switchyard` starts as plain JavaScript: no TypeScript compiled per call, no module resolution across
// node_modules and no CommonJS export scanning (those were most of a call's start-up; see the README's CLI
// section). The worker, migrate and seed code load on demand from chunks of their own. Native or optional
// modules stay outside. Run by `pnpm install` (postinstall) and `pnpm build`.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: new URL('../src/cli/main.ts', import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ESM builds where a package has one (jsonc-parser's UMD build requires its files dynamically).
  mainFields: ['module', 'main'],
  external: ['pg-native', 'msgpackr-extract', '@prisma/schema-engine-wasm'],
  // CommonJS dependencies inside the ESM bundle still call require() for Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  outExtension: { '.js': '.mjs' },
  legalComments: 'none',
  logLevel: 'warning',
});
