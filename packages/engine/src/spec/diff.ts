// Structural diff of two specs: states, transitions (keyed `state:EVENT:index`, the same ids the
// graph uses) and top-level settings. Pure and tolerant of drafts that do not validate yet.
import { jsonEqual } from './guards';
import type { JsonValue } from './types';

import type { DiffKind } from '../contracts/definitions';

export type { DiffKind };

export interface StateDiff {
  state: string;
  kind: DiffKind;
}
export interface TransitionDiff {
  key: string;
  state: string;
  event: string;
  index: number;
  kind: DiffKind;
}
export interface SettingDiff {
  key: string;
  kind: DiffKind;
}

export interface SpecDiff {
  states: StateDiff[];
  transitions: TransitionDiff[];
  /** `initial`, `name`, `description`, `context`, `guards.<name>`. */
  settings: SettingDiff[];
}

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const asJson = (v: unknown) => v as JsonValue;
const same = (a: unknown, b: unknown) =>
  a === undefined || b === undefined ? a === b : jsonEqual(asJson(a), asJson(b));

function statesOf(spec: unknown): Loose {
  return isObject(spec) && isObject(spec['states']) ? spec['states'] : {};
}

/** A state without its transitions: transitions are diffed on their own, so one edit marks one thing. */
function stateShell(state: unknown): Loose {
  if (!isObject(state)) return {};
  const { on: _on, ...rest } = state;
  return rest;
}

/** Every transition of a spec by key, in spec order. */
export function transitionsByKey(
  spec: unknown,
): Map<string, { state: string; event: string; index: number; transition: unknown }> {
  const out = new Map<string, { state: string; event: string; index: number; transition: unknown }>();
  for (const [state, body] of Object.entries(statesOf(spec))) {
    const on = isObject(body) && isObject(body['on']) ? body['on'] : {};
    for (const [event, entry] of Object.entries(on)) {
      const list = Array.isArray(entry) ? entry : [entry];
      list.forEach((transition, index) => out.set(`${state}:${event}:${index}`, { state, event, index, transition }));
    }
  }
  return out;
}

function diffKeys<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  equal: (a: T, b: T) => boolean,
): { key: string; kind: DiffKind }[] {
  const out: { key: string; kind: DiffKind }[] = [];
  for (const [key, value] of before) {
    const next = after.get(key);
    if (next === undefined) out.push({ key, kind: 'removed' });
    else if (!equal(value, next)) out.push({ key, kind: 'changed' });
  }
  for (const key of after.keys()) if (!before.has(key)) out.push({ key, kind: 'added' });
  return out;
}

function settingsOf(spec: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isObject(spec)) return out;
  for (const field of ['id', 'initial', 'name', 'description', 'context'])
    if (spec[field] !== undefined) out.set(field, spec[field]);
  if (isObject(spec['guards'])) for (const [name, p] of Object.entries(spec['guards'])) out.set(`guards.${name}`, p);
  return out;
}

/** What changed from `before` to `after`: added, removed and changed states, transitions and settings. */
export function diffSpecs(before: unknown, after: unknown): SpecDiff {
  const stateMap = (spec: unknown) => new Map(Object.entries(statesOf(spec)).map(([k, v]) => [k, stateShell(v)]));
  const states = diffKeys(stateMap(before), stateMap(after), same).map(({ key, kind }) => ({ state: key, kind }));
  const b = transitionsByKey(before);
  const a = transitionsByKey(after);
  const transitions = diffKeys(b, a, (x, y) => same(x.transition, y.transition)).map(({ key, kind }) => {
    const t = (a.get(key) ?? b.get(key))!;
    return { key, state: t.state, event: t.event, index: t.index, kind };
  });
  const settings = diffKeys(settingsOf(before), settingsOf(after), same);
  return { states, transitions, settings };
}

/**
 * States of `before` that the new version removes, changes, or whose outgoing transitions it changes:
 * an instance sitting in one of them will behave differently (or be stranded) after a migration.
 */
export function affectedStates(diff: SpecDiff): string[] {
  const out = new Set<string>();
  for (const s of diff.states) if (s.kind !== 'added') out.add(s.state);
  for (const t of diff.transitions) out.add(t.state);
  for (const s of diff.states) if (s.kind === 'added') out.delete(s.state);
  return [...out];
}

/** True when the two specs are structurally the same. */
export function isEmptyDiff(diff: SpecDiff): boolean {
  return diff.states.length === 0 && diff.transitions.length === 0 && diff.settings.length === 0;
}
