import type { PrismaClient } from '../generated/prisma/client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { QueuePublisher } from '../queues/publisher';
import type { DefinitionCache } from '../store/definition-cache';

/** The resources every engine function receives explicitly; only entry points build them. */
export interface EngineDeps {
  prisma: PrismaClient;
  publisher: QueuePublisher;
  definitions: DefinitionCache;
  clock: Clock;
  logger: Logger;
}
