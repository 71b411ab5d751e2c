import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client';
import type { Clock } from '../clock';
import type { InputLimits } from '../limits/input-limits';
import type { Logger } from '../logger';
import type { QueuePublisher } from '../queues/publisher';
import type { SecretsKeyring } from '../secrets/keyring';
import type { DefinitionCache } from '../store/definition-cache';

/** The resources every engine function receives explicitly; only entry points build them. */
export interface EngineDeps {
  prisma: PrismaClient;
  /** The pool under Prisma; hot paths use it for plain SQL. */
  pool: pg.Pool;
  publisher: QueuePublisher;
  definitions: DefinitionCache;
  clock: Clock;
  logger: Logger;
  /** Seals and opens tenant secrets (SECRETS_KEY). */
  secrets: SecretsKeyring;
  /** Task types the workers can run, checked when a spec is published; the built-in types when absent. */
  taskTypes?: readonly string[];
  /** What a tenant may hand the engine (LIMIT_* variables); the defaults when absent. */
  limits?: InputLimits;
}
