// The pieces `pnpm bench` and `pnpm drills` share; spec data alone is `@switchyard/testkit/specs`.
export { intFlag, parseFlags, stringFlag, type Flags } from './args';
export { processCpuMs, startCpuWindow, type CpuGroup, type CpuWindow } from './cpu';
export { stackCpuGroups } from './cpu-groups';
export { installSignalCleanup, onCleanup, runCleanup } from './cleanup';
export { ensurePostgres, restartPostgres, startScratchRedis, terminateBackends, type ScratchRedis } from './faults';
export { note, progress, progressDone } from './progress';
export { startScratchRedisCluster, type ScratchRedisCluster } from './redis-cluster';
export { ADMIN_URL, createStack, REDIS_URL, TEST_NS, type Stack } from './stack';
export { percentiles, pollUntil, runPool, sleep, type Percentiles } from './stats';
export { formatNumber, renderTable } from './table';
export { killWorker, spawnWorker, stopWorker, waitForWorkers, type WorkerProcess } from './workers';
