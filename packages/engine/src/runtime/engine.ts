import { createEngineDeps, type EngineDepsConfig } from '../deps/create-engine-deps';
import type { EngineDeps } from '../deps/engine-deps';
import { createLogger, type Logger } from '../logger';
import { createEngineService, type EngineService } from '../service';

export interface EngineConfig extends Omit<EngineDepsConfig, 'logger' | 'poolSize'> {
  /** The engine's default logger when absent. */
  logger?: Logger;
  /** Connections in this process's pool; 10 when absent. */
  poolSize?: number;
}

export interface Engine {
  deps: EngineDeps;
  service: EngineService;
  close(): Promise<void>;
}

/** The engine without workers: what the console and the CLI use to read and to send commands. */
export function createEngine(config: EngineConfig): Engine {
  const { deps, close } = createEngineDeps({
    ...config,
    logger: config.logger ?? createLogger(),
    poolSize: config.poolSize ?? 10,
  });
  return { deps, service: createEngineService(deps), close };
}
