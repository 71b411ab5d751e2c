// `{ "$secret": "ledger_api_key" }` inside a task's input names a tenant secret. The marker is kept as it is in
// the stored task input (only the name is ever stored); the worker puts the value in just before the handler
// runs. Only the spec may place a marker: one arriving in data (an event payload, a start input, an HTTP answer)
// is defanged when the task input is built, or anybody who can send an event could ask for any secret.
import { isPlainObject, isReference, isTemplate, resolveValue, type EvaluationScope } from './references';
import type { JsonObject, JsonValue } from './types';
import { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from '../contracts/names';

export interface SecretRef {
  $secret: string;
  /** Text put before the value, e.g. "Bearer " for an Authorization header; not secret itself. */
  prefix?: string;
}

export const SECRET_PREFIX_MAX_CHARS = 100;

export { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from '../contracts/names';

/** What replaces a `$secret` marker that came from data rather than from the spec. */
export const DEFANGED_SECRET = '[refused: a $secret may only be written in the spec]';

export function isSecretRef(value: unknown): value is SecretRef {
  return isPlainObject(value) && Object.hasOwn(value, '$secret');
}

/** Why a secret name is unusable, or null when it is fine. */
export function secretNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `a secret name must be a string (${SECRET_NAME_RULE})`;
  if (!SECRET_NAME_PATTERN.test(name))
    return `secret name "${name.slice(0, 80)}" is not valid: expected ${SECRET_NAME_RULE}`;
  return null;
}

/** Replaces every `$secret` marker inside data with a harmless string. */
export function defangSecretRefs(value: JsonValue): JsonValue {
  if (isSecretRef(value)) return DEFANGED_SECRET;
  if (Array.isArray(value)) return value.map(defangSecretRefs);
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = defangSecretRefs(item);
    return out;
  }
  return value;
}

/** Resolves a task input like resolveValue, keeping the spec's own `$secret` markers and defanging any in data. */
export function resolveTaskInput(value: JsonValue, scope: EvaluationScope): JsonValue {
  if (isSecretRef(value))
    return typeof value.prefix === 'string'
      ? { $secret: value.$secret, prefix: value.prefix }
      : { $secret: value.$secret };
  if (isReference(value) || isTemplate(value)) return defangSecretRefs(resolveValue(value, scope));
  if (Array.isArray(value)) return value.map((item) => resolveTaskInput(item, scope));
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveTaskInput(item, scope);
    return out;
  }
  return value;
}

/** The distinct secret names a (resolved) task input refers to, sorted. */
export function secretNamesIn(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (isSecretRef(v)) {
      if (typeof v.$secret === 'string') names.add(v.$secret);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return [...names].sort();
}

/** Puts each secret's value where its marker is; `values` must hold every name secretNamesIn found. */
export function substituteSecrets(value: JsonValue, values: ReadonlyMap<string, string>): JsonValue {
  if (isSecretRef(value)) {
    const found = values.get(value.$secret);
    if (found === undefined) throw new Error(`secret "${value.$secret}" was not resolved`);
    return `${typeof value.prefix === 'string' ? value.prefix : ''}${found}`;
  }
  if (Array.isArray(value)) return value.map((item) => substituteSecrets(item, values));
  if (isPlainObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteSecrets(item, values);
    return out;
  }
  return value;
}

/** For display: each marker becomes "••• name", so a viewer sees which secret is used and never more. */
export function maskSecretRefs(value: unknown): unknown {
  if (isSecretRef(value)) return `${typeof value.prefix === 'string' ? value.prefix : ''}••• ${String(value.$secret)}`;
  if (Array.isArray(value)) return value.map(maskSecretRefs);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecretRefs(v)]));
  return value;
}
