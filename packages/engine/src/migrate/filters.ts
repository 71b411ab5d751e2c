import type { SchemaFilter } from '@prisma/schema-engine-wasm';

/** No externally managed tables or enums: the schema owns the whole database schema. */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
