// Shape warnings: a spec that publishes and runs, but probably not as its author meant. They never block
// publishing (a state kept for later, a workflow that waits for an operator forever, may be on purpose).
import type { Report } from './problem-sink';
import type { WorkflowSpec } from './types';

function targetsOf(spec: WorkflowSpec, state: string): string[] {
  const on = spec.states[state]?.on ?? {};
  return Object.values(on).flatMap((entry) => (Array.isArray(entry) ? entry : [entry]).map((t) => t.target ?? state));
}

/** Warns about states no transition reaches, non-final states with no way out, and a spec with no final state. */
export function checkGraphShape(spec: WorkflowSpec, warn: Report): void {
  const names = Object.keys(spec.states);
  const reached = new Set<string>([spec.initial]);
  const queue = [spec.initial];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const target of targetsOf(spec, state)) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const name of names) {
    if (!reached.has(name))
      warn(
        ['states', name],
        'UNREACHABLE_STATE',
        `state "${name}" is never reached from the initial state "${spec.initial}"`,
      );
    const state = spec.states[name];
    if (state?.type !== 'final' && Object.keys(state?.on ?? {}).length === 0) {
      warn(
        ['states', name],
        'DEAD_END_STATE',
        `state "${name}" is not final and has no transitions: an instance that gets there stays forever`,
      );
    }
  }
  if (!names.some((name) => spec.states[name]?.type === 'final')) {
    warn(['states'], 'NO_FINAL_STATE', 'no state has "type": "final": an instance can never complete');
  }
}
