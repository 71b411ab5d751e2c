// Spec data only (no engine, no I/O): the engine's own tests import this entry point.
export { counterSpec, taskSpec } from './load';
export { forkBombSpec, hoarderSpec, poisonEventSpec, selfLoopSpec, singleTaskSpec, unindexableKey } from './hostile';
