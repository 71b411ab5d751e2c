import { EngineError } from '../errors';

/** Refuses the command line: exit code 2 (BAD_INPUT), the message naming the flag and what was expected. */
export function bad(message: string): never {
  throw new EngineError('BAD_INPUT', message);
}

/** A flag whose value is one of a contract's names (a status, a task mode), typed as that name; absent: undefined. */
export function choiceFlag<T extends string>(
  flag: string,
  choices: readonly T[],
  value: string | undefined,
): T | undefined {
  if (value === undefined) return undefined;
  const isChoice = (v: string): v is T => (choices as readonly string[]).includes(v);
  return isChoice(value) ? value : bad(`--${flag} must be one of ${choices.join(', ')}, got "${value}"`);
}
