// An AI_DECISION task's policy is the engine's promise about what a model may make happen, so it must be
// written in the spec itself: a $ref or $template anywhere inside it would let data (a start input, an event
// payload, the context) widen the allowlist.
import { AI_DECISION_TASK } from '../contracts/events';
import type { PathSegment } from './json-path';
import type { Report } from './problem-sink';
import { isPlainObject } from './references';

function findDynamicValues(value: unknown, at: readonly PathSegment[], report: Report): void {
  if (Array.isArray(value)) return value.forEach((item, i) => findDynamicValues(item, [...at, i], report));
  if (!isPlainObject(value)) return;
  for (const key of ['$ref', '$template']) {
    if (Object.hasOwn(value, key)) {
      report(
        at,
        'POLICY_NOT_LITERAL',
        `an AI_DECISION policy must be written out in the spec; ${key} would let data choose what the model may do`,
      );
      return;
    }
  }
  for (const [key, child] of Object.entries(value)) findDynamicValues(child, [...at, key], report);
}

function checkPolicy(input: unknown, at: readonly PathSegment[], report: Report): void {
  if (!isPlainObject(input) || Object.hasOwn(input, '$ref') || Object.hasOwn(input, '$template')) {
    report(
      at,
      'POLICY_NOT_LITERAL',
      'an AI_DECISION task\'s input must be an object written in the spec, with a literal "policy"',
    );
    return;
  }
  const policy = input['policy'];
  const here = [...at, 'policy'];
  if (policy === undefined)
    return report(
      here,
      'POLICY_MISSING',
      'an AI_DECISION task needs a policy: { "allowedEvents": ["EVENT", ...], "allowDirectEmit": false }',
    );
  findDynamicValues(policy, here, report);
  if (!isPlainObject(policy) || Object.hasOwn(policy, '$ref') || Object.hasOwn(policy, '$template')) return;
  const allowed = policy['allowedEvents'];
  if (Array.isArray(allowed)) {
    allowed.forEach((item, i) => {
      if (typeof item !== 'string')
        report([...here, 'allowedEvents', i], 'POLICY_NOT_LITERAL', 'allowedEvents must list event names as strings');
    });
  } else if (!isPlainObject(allowed)) {
    report(
      [...here, 'allowedEvents'],
      'POLICY_NOT_LITERAL',
      'allowedEvents must be a list of event names, e.g. ["ROUTE_BILLING", "ESCALATE"]',
    );
  }
  const direct = policy['allowDirectEmit'];
  if (direct !== undefined && typeof direct !== 'boolean' && !isPlainObject(direct)) {
    report([...here, 'allowDirectEmit'], 'POLICY_NOT_LITERAL', 'allowDirectEmit must be true or false');
  }
}

function forEachTransition(
  on: Record<string, unknown>,
  at: readonly PathSegment[],
  visit: (transition: unknown, at: readonly PathSegment[]) => void,
): void {
  for (const [event, entry] of Object.entries(on)) {
    if (Array.isArray(entry)) entry.forEach((alt, i) => visit(alt, [...at, event, i]));
    else visit(entry, [...at, event]);
  }
}

/** Reports every AI_DECISION task whose policy is not written literally in the spec. */
export function checkAiPolicies(input: unknown, report: Report): void {
  if (!isPlainObject(input) || !isPlainObject(input['states'])) return;
  for (const [stateName, state] of Object.entries(input['states'])) {
    if (!isPlainObject(state) || !isPlainObject(state['on'])) continue;
    forEachTransition(state['on'], ['states', stateName, 'on'], (transition, at) => {
      if (!isPlainObject(transition) || !Array.isArray(transition['actions'])) return;
      transition['actions'].forEach((action, i) => {
        if (!isPlainObject(action) || action['type'] !== 'createTask' || !isPlainObject(action['task'])) return;
        if (action['task']['type'] === AI_DECISION_TASK)
          checkPolicy(action['task']['input'], [...at, 'actions', i, 'task', 'input'], report);
      });
    });
  }
}
