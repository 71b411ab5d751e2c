export * from './input-limits';
export { jsonBytes, jsonDepth } from './json-measure';
export { assertJsonWithinLimits } from './check-input';
