'use client';

import { taskInputSchemasFrom } from '@switchyard/engine/spec';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '~/trpc/react';
import type { EditorChecks } from './use-editor';

/**
 * The task types publish accepts here and the custom types' input schemas, as workers registered them, so the
 * browser's validateSpec reports what publishing would. `checks` is undefined until they are loaded.
 */
export function useSpecChecks(): { checks: EditorChecks | undefined; error: unknown } {
  const trpc = useTRPC();
  const taskTypes = useQuery({ ...trpc.definitions.taskTypes.queryOptions(), staleTime: 60_000 });
  const checks = useMemo(
    () =>
      taskTypes.data
        ? { taskTypes: taskTypes.data.types, taskInputs: taskInputSchemasFrom(taskTypes.data.custom) }
        : undefined,
    [taskTypes.data],
  );
  return { checks, error: taskTypes.error };
}
