import { defineConfig } from 'prisma/config';

// Only `prisma generate` reads this file; migrations run through our own WebAssembly schema-engine driver
// (packages/engine/src/migrate), because the native engine cannot be downloaded on our machines.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
