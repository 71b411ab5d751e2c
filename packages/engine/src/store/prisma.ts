import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type { PrismaClient };
export type Db = PrismaClient;

export interface PrismaOptions {
  databaseUrl: string;
  /** Pool size per process. Each orchestrator/task slot holds one connection during its transaction. */
  poolSize?: number;
}

/** Builds a Prisma client over node-postgres (no native engine needed). Only entry points call this. */
export function createPrisma({ databaseUrl, poolSize = 10 }: PrismaOptions): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}
