import { randomBytes } from 'node:crypto';

const refs = new WeakMap<object, string>();

/**
 * A short reference for one failed request: the client sees it instead of the internal message, the server log
 * carries it with the cause. The same error object always gets the same reference.
 */
export function errorRef(error: object): string {
  let ref = refs.get(error);
  if (!ref) {
    ref = randomBytes(6).toString('hex');
    refs.set(error, ref);
  }
  return ref;
}
