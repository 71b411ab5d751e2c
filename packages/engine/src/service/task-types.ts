import type { TenantContext } from '../contracts/actor';
import { defaultInputLimits } from '../limits/input-limits';
import type { EngineDeps } from '../deps/engine-deps';
import { BUILTIN_TASK_TYPES } from '../contracts/events';
import { taskInputSchemasFrom, type TaskTypeInfo } from '../spec/task-input-schemas';
import type { ValidateSpecOptions } from '../spec/types';
import { loadTaskTypes } from '../store/task-types';

/** The task types a spec may use here: the deployment's (or built-in) ones plus those workers registered. */
export async function knownTaskTypes(deps: EngineDeps): Promise<{ types: string[]; custom: TaskTypeInfo[] }> {
  const custom = await loadTaskTypes(deps.prisma);
  const types = new Set([...(deps.taskTypes ?? BUILTIN_TASK_TYPES), ...custom.map((t) => t.type)]);
  return { types: [...types].sort(), custom };
}

/**
 * The task types the console's editor checks a spec against, the same as publish: deployment-wide (every tenant's
 * specs run on the same workers), so any member may read them.
 */
export function listTaskTypes(deps: EngineDeps, _ctx: TenantContext): ReturnType<typeof knownTaskTypes> {
  return knownTaskTypes(deps);
}

/** What publish checks a spec against: known task types, their input schemas, and the input limits. */
export async function specCheckOptions(deps: EngineDeps): Promise<ValidateSpecOptions> {
  const { types, custom } = await knownTaskTypes(deps);
  return { taskTypes: types, taskInputs: taskInputSchemasFrom(custom), limits: deps.limits ?? defaultInputLimits };
}
