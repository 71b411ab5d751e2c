// Checks that need the whole spec: targets, guard names, initial state, final states, references, runAt.
// They walk the raw input defensively so that shape errors elsewhere never hide these problems.
import type { PathSegment } from './json-path';
import { definitionIdProblem, eventNameProblem, quoteName, stateNameProblem } from '../contracts/names';
import { checkPredicate } from './predicate-checks';
import type { Report } from './problem-sink';
import { checkReferences } from './reference-checks';
import { checkContextPath, isPlainObject, isReference, isTemplate } from './references';
import { durationProblem, isIsoTimestamp, runAtExpectation } from './run-at';
import { checkTaskTypeAndInput } from './task-checks';
import type { TaskInputSchemas } from './task-input-schemas';

interface Names {
  states: string[];
  guards: string[];
  /** Task types a worker can run, or 'any' when not checked. */
  taskTypes: readonly string[] | 'any';
  taskInputs: TaskInputSchemas;
}

function list(names: readonly string[]): string {
  return names.length ? names.join(', ') : '(none)';
}

function checkRunAt(value: unknown, at: readonly PathSegment[], report: Report): void {
  if (value === undefined) return;
  if (typeof value === 'string') {
    if (!isIsoTimestamp(value))
      report(at, 'INVALID_RUN_AT', `runAt ${quoteName(value)} is not a real date and time; ${runAtExpectation}`);
    return;
  }
  if (isReference(value) || isTemplate(value)) return checkReferences(value, at, report);
  if (isPlainObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, 'in')) {
    const rel = value['in'];
    const problem =
      typeof rel === 'string' || typeof rel === 'number'
        ? durationProblem(rel)
        : `${JSON.stringify(rel)} is not a duration; expected e.g. "30s", "5m", "2h", "1d" or a whole number of milliseconds`;
    if (problem) report([...at, 'in'], 'INVALID_RUN_AT', `runAt delay ${problem}`);
    return;
  }
  report(at, 'INVALID_RUN_AT', `runAt has the wrong shape; ${runAtExpectation}`);
}

function checkTask(task: unknown, at: readonly PathSegment[], names: Names, report: Report): void {
  if (!isPlainObject(task)) return; // shape problems come from the schema
  if (names.taskTypes !== 'any') checkTaskTypeAndInput(task, at, names.taskTypes, names.taskInputs, report);
  checkReferences(task['input'], [...at, 'input'], report);
  checkRunAt(task['runAt'], [...at, 'runAt'], report);
  const key = task['idempotencyKey'];
  if (key !== undefined && typeof key !== 'string') {
    if (isReference(key) || isTemplate(key)) checkReferences(key, [...at, 'idempotencyKey'], report);
    else
      report(
        [...at, 'idempotencyKey'],
        'INVALID_IDEMPOTENCY_KEY',
        'idempotencyKey must be a string, a { "$ref" } or a { "$template" }',
      );
  }
  for (const field of ['completionEvent', 'failureEvent'] as const) {
    const name = task[field];
    const problem = typeof name === 'string' ? eventNameProblem(name) : null;
    if (problem) report([...at, field], 'INVALID_EVENT_NAME', `${field}: ${problem}`);
  }
}

function checkActions(actions: unknown, at: readonly PathSegment[], names: Names, report: Report): void {
  if (!Array.isArray(actions)) return;
  actions.forEach((action, i) => {
    if (!isPlainObject(action)) return;
    const here = [...at, i];
    if (action['type'] === 'assign') {
      const problem = typeof action['path'] === 'string' ? checkContextPath(action['path']) : null;
      if (problem) report([...here, 'path'], 'INVALID_PATH', `assign ${problem}`);
      checkReferences(action['value'], [...here, 'value'], report);
    } else if (action['type'] === 'createTask') {
      checkTask(action['task'], [...here, 'task'], names, report);
    }
  });
}

function checkTransition(transition: unknown, at: readonly PathSegment[], names: Names, report: Report): void {
  if (!isPlainObject(transition)) return;
  const target = transition['target'];
  if (typeof target === 'string' && !names.states.includes(target)) {
    report(
      [...at, 'target'],
      'UNKNOWN_TARGET',
      `transition target ${quoteName(target)} is not a state; expected one of: ${list(names.states)}`,
    );
  }
  const guard = transition['guard'];
  if (typeof guard === 'string' && !names.guards.includes(guard)) {
    const hint = names.guards.length
      ? `expected one of: ${list(names.guards)}`
      : 'no guards are defined; add it under "guards"';
    report([...at, 'guard'], 'UNKNOWN_GUARD', `guard ${quoteName(guard)} is not defined; ${hint}`);
  }
  checkActions(transition['actions'], [...at, 'actions'], names, report);
}

function checkEvent(entry: unknown, at: readonly PathSegment[], names: Names, report: Report): void {
  if (!Array.isArray(entry)) return checkTransition(entry, at, names, report);
  if (entry.length === 0)
    report(
      at,
      'NO_ALTERNATIVES',
      'the list of alternatives is empty; give at least one transition or remove the event',
    );
  entry.forEach((alt, i) => {
    checkTransition(alt, [...at, i], names, report);
    // An unguarded alternative always wins, so anything after it could never be chosen.
    if (i < entry.length - 1 && isPlainObject(alt) && alt['guard'] === undefined) {
      report(
        [...at, i, 'guard'],
        'UNREACHABLE_ALTERNATIVE',
        `alternative ${i} has no guard, so alternatives ${i + 1}..${entry.length - 1} can never be chosen; add a guard or move it last`,
      );
    }
  });
}

/** Reports every cross-reference and content problem in a (possibly malformed) spec. */
export function checkSemantics(
  input: unknown,
  report: Report,
  options: { taskTypes: readonly string[] | 'any'; taskInputs?: TaskInputSchemas },
): void {
  if (!isPlainObject(input)) return;
  const states = isPlainObject(input['states']) ? input['states'] : null;
  const guards = isPlainObject(input['guards']) ? input['guards'] : {};
  const names: Names = {
    states: states ? Object.keys(states) : [],
    guards: Object.keys(guards),
    taskTypes: options.taskTypes,
    taskInputs: options.taskInputs ?? {},
  };

  const id = input['id'];
  const idProblem = typeof id === 'string' && id !== '' ? definitionIdProblem(id) : null;
  if (idProblem) report(['id'], 'INVALID_ID', idProblem);
  if (states && names.states.length === 0)
    report(['states'], 'NO_STATES', 'states is empty; define at least the initial state');
  const initial = input['initial'];
  if (typeof initial === 'string' && states && names.states.length > 0 && !names.states.includes(initial)) {
    report(
      ['initial'],
      'UNKNOWN_INITIAL',
      `initial state ${quoteName(initial)} is not a state; expected one of: ${list(names.states)}`,
    );
  }
  for (const [name, predicate] of Object.entries(guards)) checkPredicate(predicate, ['guards', name], report);

  for (const [stateName, state] of Object.entries(states ?? {})) {
    const nameProblem = stateNameProblem(stateName);
    if (nameProblem) report(['states', stateName], 'INVALID_STATE_NAME', nameProblem);
    if (!isPlainObject(state)) continue;
    const on = state['on'];
    if (state['type'] === 'final' && on !== undefined) {
      report(
        ['states', stateName, 'on'],
        'FINAL_STATE_HAS_TRANSITIONS',
        `final state "${stateName}" cannot have "on"; remove it or drop "type": "final"`,
      );
    }
    if (!isPlainObject(on)) continue;
    for (const [event, entry] of Object.entries(on)) {
      const eventProblem = eventNameProblem(event);
      if (eventProblem) report(['states', stateName, 'on', event], 'INVALID_EVENT_NAME', eventProblem);
      checkEvent(entry, ['states', stateName, 'on', event], names, report);
    }
  }
}
