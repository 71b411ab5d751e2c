// pg and bullmq are dependencies of the engine package, not of the repo root, so pnpm does not expose them to
// bench/ and drills/. Resolve them from the engine's own node_modules instead of adding root dependencies.
import { createRequire } from 'node:module';
import type * as BullMQModule from '../../packages/engine/node_modules/bullmq/dist/esm/index.js';
import type PgModule from '../../packages/engine/node_modules/@types/pg/index.js';

const requireFromEngine = createRequire(new URL('../../packages/engine/package.json', import.meta.url));

export const pg = requireFromEngine('pg') as typeof PgModule;
export const bullmq = requireFromEngine('bullmq') as typeof BullMQModule;
export type PgClient = InstanceType<typeof pg.Client>;
export type PgPool = InstanceType<typeof pg.Pool>;
