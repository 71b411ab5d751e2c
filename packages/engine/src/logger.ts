import { pino, type Logger } from 'pino';

export type { Logger };

/** A pino logger; entry points choose the level. Silent when nothing is configured (tests). */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({ name: options.name ?? 'switchyard', level: options.level ?? 'silent' });
}
