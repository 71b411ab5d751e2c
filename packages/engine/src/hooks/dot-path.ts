import { z } from 'zod';

/** A dot path into a JSON body: keys of letters, digits, `_` and `-`; a number addresses an array element. */
export const DOT_PATH_PATTERN = /^[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9_-]{1,100}){0,15}$/;

export const dotPathSchema = z
  .string()
  .regex(DOT_PATH_PATTERN, 'expected a dot path such as "data.order.id" (letters, digits, _ and -, at most 16 deep)');

/** The value at a dot path, or undefined when any step is missing. */
export function readDotPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current))
      current = Object.prototype.hasOwnProperty.call(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
    else return undefined;
  }
  return current;
}
