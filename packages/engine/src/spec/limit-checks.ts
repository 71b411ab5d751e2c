// Size limits of a spec, checked before anything else looks at it: a 50,000-state spec is refused by a count,
// not after a full validation and compile.
import { defaultInputLimits, formatSize, limitEnvName, type InputLimits } from '../limits/input-limits';
import { jsonBytes, jsonDepth } from '../limits/json-measure';
import { isPlainObject } from './references';
import type { SpecProblem } from './types';

export type SpecLimits = Pick<InputLimits, 'specBytes' | 'specStates' | 'specTransitions' | 'jsonDepth'>;

function countTransitions(states: Record<string, unknown>): number {
  let count = 0;
  for (const state of Object.values(states)) {
    if (!isPlainObject(state) || !isPlainObject(state['on'])) continue;
    for (const entry of Object.values(state['on'])) count += Array.isArray(entry) ? entry.length : 1;
  }
  return count;
}

/** The limits a spec exceeds (empty when within them), each naming the figure, the limit and its variable. */
export function checkSpecLimits(input: unknown, limits: SpecLimits = defaultInputLimits): SpecProblem[] {
  if (jsonDepth(input, limits.jsonDepth) > limits.jsonDepth) {
    return [
      {
        path: '$',
        code: 'SPEC_TOO_DEEP',
        message: `the spec nests deeper than ${limits.jsonDepth} levels, the limit (${limitEnvName('jsonDepth')})`,
      },
    ];
  }
  const problems: SpecProblem[] = [];
  const states = isPlainObject(input) && isPlainObject(input['states']) ? input['states'] : {};
  const stateCount = Object.keys(states).length;
  if (stateCount > limits.specStates) {
    problems.push({
      path: '$.states',
      code: 'TOO_MANY_STATES',
      message: `the spec has ${stateCount} states; the limit is ${limits.specStates} (${limitEnvName('specStates')})`,
    });
  }
  const transitions = countTransitions(states);
  if (transitions > limits.specTransitions) {
    problems.push({
      path: '$.states',
      code: 'TOO_MANY_TRANSITIONS',
      message: `the spec has ${transitions} transitions; the limit is ${limits.specTransitions} (${limitEnvName('specTransitions')})`,
    });
  }
  const bytes = jsonBytes(input);
  if (bytes > limits.specBytes) {
    problems.push({
      path: '$',
      code: 'SPEC_TOO_LARGE',
      message: `the spec is ${formatSize(bytes)} (${bytes} bytes); the limit is ${formatSize(limits.specBytes)} (${limitEnvName('specBytes')})`,
    });
  }
  return problems;
}
