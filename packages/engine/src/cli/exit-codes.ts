// Every exit code of `switchyard`, in one place (the README's table lists the same).
import type { EngineErrorCode } from '../errors';

export const EXIT = {
  /** Done; with --wait, the instance completed or the event was applied. */
  ok: 0,
  /** The engine refused or could not do it: not found, conflict, forbidden, database or Redis unreachable. */
  failed: 1,
  /** Bad input: usage, an unknown command or option, invalid JSON or spec, an unknown tenant. */
  badInput: 2,
  /** --wait: the instance ended failed or cancelled, or the event was ignored or rejected. */
  unsuccessful: 3,
  /** --wait gave up after --timeout seconds; the instance goes on, nothing was undone. */
  timedOut: 4,
} as const;

/** The exit code for an engine error. */
export function exitCodeFor(code: EngineErrorCode): number {
  return code === 'BAD_INPUT' || code === 'SPEC_INVALID' ? EXIT.badInput : EXIT.failed;
}
