// Naming rules. XState reads "." and "#" in state names as paths and ids, and "*" in event names
// as a wildcard, so those are refused up front rather than misbehaving at run time.

const statePattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const eventPattern = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** Why a state name is unusable, or null when it is fine. */
export function stateNameProblem(name: string): string | null {
  return statePattern.test(name) ? null : `state name "${name}" must start with a letter or "_" and use only letters, digits, "_" and "-"`;
}

/** Why an event name is unusable, or null when it is fine. */
export function eventNameProblem(name: string): string | null {
  if (!eventPattern.test(name)) return `event name "${name}" must start with a letter or "_" and use only letters, digits, "_", ".", ":" and "-"`;
  if (name.startsWith('xstate.')) return `event name "${name}" uses the reserved prefix "xstate."`;
  return null;
}
