import { EngineError } from '../errors';
import { formatSize, limitEnvName, type InputLimitName, type InputLimits } from './input-limits';
import { jsonBytes, jsonDepth } from './json-measure';

/**
 * Refuses a tenant's JSON value that nests deeper than the depth limit or is larger than `bytesLimit`,
 * naming the field, the figure and the limit (and how to change it).
 */
export function assertJsonWithinLimits(
  limits: InputLimits,
  field: string,
  value: unknown,
  bytesLimit: InputLimitName,
): void {
  const depth = jsonDepth(value, limits.jsonDepth);
  if (depth > limits.jsonDepth) {
    const message = `${field} nests deeper than ${limits.jsonDepth} levels, the limit (${limitEnvName('jsonDepth')})`;
    throw new EngineError('BAD_INPUT', message, [{ path: field, message, code: 'LIMIT_EXCEEDED' }]);
  }
  const bytes = jsonBytes(value);
  const cap = limits[bytesLimit];
  if (bytes > cap) {
    const message = `${field} is ${formatSize(bytes)} (${bytes} bytes); the limit is ${formatSize(cap)} (${limitEnvName(bytesLimit)})`;
    throw new EngineError('BAD_INPUT', message, [{ path: field, message, code: 'LIMIT_EXCEEDED' }]);
  }
}
