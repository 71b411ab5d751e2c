// The specs bench, drills and tests load the engine with; each final state is what "not lost" means for it.

/** Self-transitions on TICK (each applied TICK bumps the version once and assigns `last`); FINISH ends it. */
export function counterSpec(id: string) {
  return {
    id,
    initial: 'start',
    context: { last: null },
    states: {
      start: { on: { WORKFLOW_START: { target: 'counting' } } },
      counting: {
        on: {
          TICK: { target: 'counting', actions: [{ type: 'assign', path: 'last', value: { $ref: 'event.payload.n' } }] },
          FINISH: { target: 'finished' },
        },
      },
      finished: { type: 'final' },
    },
  };
}

/** start → one task (DELAY `ms`, NOOP when 0) → done. Two transitions per instance. */
export function taskSpec(id: string, ms: number) {
  const task =
    ms > 0
      ? { type: 'DELAY', name: 'work', input: { ms }, completionEvent: 'WORKED' }
      : { type: 'NOOP', name: 'work', input: {}, completionEvent: 'WORKED' };
  return {
    id,
    initial: 'start',
    context: {},
    states: {
      start: { on: { WORKFLOW_START: { target: 'working', actions: [{ type: 'createTask', task }] } } },
      working: { on: { WORKED: { target: 'done' } } },
      done: { type: 'final' },
    },
  };
}
