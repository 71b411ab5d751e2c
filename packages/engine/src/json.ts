import type { Prisma } from './generated/prisma/client';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Prisma's input JSON type refuses `null` at the top level of some fields; every value we store is plain JSON. */
export function toPrismaJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
