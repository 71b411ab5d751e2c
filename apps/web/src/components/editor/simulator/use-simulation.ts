'use client';

import {
  compileSpec,
  start,
  step,
  type CompiledWorkflow,
  type JsonValue,
  type StepResult,
} from '@switchyard/engine/core';
import type { WorkflowSpec } from '@switchyard/engine/spec';
import { useMemo, useState } from 'react';

export interface SimStep {
  event: string;
  payload: JsonValue | undefined;
  result: StepResult;
}

export interface Simulation {
  current: StepResult | null;
  steps: SimStep[];
  error: string | null;
  /** Starts over with this context; `at` starts in a given state (a captured instance), else the initial one. */
  reset(context: Record<string, JsonValue>, at?: string): void;
  send(event: string, payload?: JsonValue): void;
}

/** A dry run through the engine's pure core in the browser: nothing is stored, no task runs. */
export function useSimulation(spec: WorkflowSpec): Simulation {
  const compiled = useMemo<CompiledWorkflow>(() => compileSpec(spec), [spec]);
  const [first, setFirst] = useState<StepResult | null>(null);
  const [steps, setSteps] = useState<SimStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  const current = steps.at(-1)?.result ?? first;

  const reset = (context: Record<string, JsonValue>, at?: string) => {
    try {
      const started = start(compiled, { context });
      // The core restores a snapshot from its state value and context alone, so a captured state can be resumed.
      setFirst(
        at && at !== started.value
          ? { ...started, value: at, snapshot: { ...started.snapshot, value: at, context }, effects: [] }
          : started,
      );
      setSteps([]);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const send = (event: string, payload?: JsonValue) => {
    if (!current) return;
    try {
      const result = step(compiled, current.snapshot, { type: event, ...(payload !== undefined ? { payload } : {}) });
      setSteps((s) => [...s, { event, payload, result }]);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return { current, steps, error, reset, send };
}
