import { z } from 'zod';

// Naming rules. XState reads "." and "#" in state names as paths and ids, and "*" in event names
// as a wildcard, so those are refused up front rather than misbehaving at run time. A name is shown in
// messages through `quoteName`, so a name holding a newline or a control character cannot split an error line.

const statePattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const eventPattern = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
// A definition id becomes the definition's key: in URLs, file names and CLI arguments.
const definitionIdPattern = /^[a-z0-9][a-z0-9._-]*$/i;

export const MAX_NAME_LENGTH = 100;

/** A tenant secret's name, as a spec's `$secret` marker and the secrets API spell it. */
export const SECRET_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const SECRET_NAME_RULE = 'lower-case letters, digits and "_", starting with a letter, at most 64 characters';

/** A name as JSON (escaped, so one line), cut to a readable length. */
export function quoteName(name: string): string {
  const cut = name.length > 60 ? `${name.slice(0, 60)}…` : name;
  return JSON.stringify(cut);
}

function tooLong(kind: string, name: string): string | null {
  return name.length > MAX_NAME_LENGTH
    ? `${kind} ${quoteName(name)} is ${name.length} characters long; at most ${MAX_NAME_LENGTH}`
    : null;
}

/** Why a state name is unusable, or null when it is fine. */
export function stateNameProblem(name: string): string | null {
  if (!statePattern.test(name))
    return `state name ${quoteName(name)} must start with a letter or "_" and use only letters, digits, "_" and "-"`;
  return tooLong('state name', name);
}

/** Why an event name is unusable, or null when it is fine. The one rule for event names, wherever they come from. */
export function eventNameProblem(name: string): string | null {
  if (!eventPattern.test(name))
    return `event name ${quoteName(name)} must start with a letter or "_" and use only letters, digits, "_", ".", ":" and "-"`;
  if (name.startsWith('xstate.')) return `event name ${quoteName(name)} uses the reserved prefix "xstate."`;
  return tooLong('event name', name);
}

/** Why a definition id (the definition's key) is unusable, or null when it is fine. */
export function definitionIdProblem(id: string): string | null {
  if (!definitionIdPattern.test(id))
    return `id ${quoteName(id)} must start with a letter or digit and use only letters, digits, ".", "_" and "-" (e.g. "order-approval")`;
  return tooLong('id', id);
}

/** The event-name rule as a zod schema, for service and API input (the same rule specs are checked with). */
export const eventNameSchema = z.string().superRefine((name, ctx) => {
  const problem = eventNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: `expected an event name (e.g. "HELLO_SENT"): ${problem}` });
});
