import type { Prisma } from './generated/prisma/client';

// One definition of JSON for the whole engine: the contracts'.
export type { JsonValue } from './contracts/json';

/** Prisma's input JSON type refuses `null` at the top level of some fields; every value we store is plain JSON. */
export function toPrismaJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
