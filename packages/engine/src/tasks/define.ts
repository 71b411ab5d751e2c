// Custom task handlers: a deployment's own task types, declared with the zod schema of their input. The worker
// registers them (runtime/worker-runtime.ts `handlers`) and stores the schema for publish-time checks; at run
// time the resolved input is parsed with the same schema before `run` sees it.
import type { z } from 'zod';
import { isEgressError, type EgressClient, type EgressRequest, type EgressResponse } from '../egress';
import type { JsonValue } from '../json';
import { inputJsonSchema, type TaskTypeInfo } from '../spec/task-input-schemas';
import { parseTaskInput } from './input';
import {
  NonRetriableTaskError,
  type TaskContext,
  type TaskHandler,
  type TaskHandlerRegistry,
  type TaskResult,
} from './registry';

/** An outbound call through the deployment's egress policy and the tenant's host allowlist, cancelled with the task. */
export type EgressFetch = (request: Omit<EgressRequest, 'allowedHosts' | 'signal'>) => Promise<EgressResponse>;

/** What a custom handler gets besides its input: the task's context and the one door for outbound calls. */
export interface CustomTaskContext extends TaskContext {
  /** A call the policy refuses throws NonRetriableTaskError (the task fails at once, naming the refusal). */
  egress: EgressFetch;
}

/** A task type's handler with the schema its input must satisfy; `run` gets the parsed, typed input. */
export interface TaskHandlerDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Checked against literal inputs when a spec is published, and against the resolved input before each run. */
  input: Schema;
  /** One line for the console's list of task types. */
  description?: string;
  /** One attempt. Throw to fail it (retried with backoff), NonRetriableTaskError to fail the task at once. */
  run: (input: z.output<Schema>, context: CustomTaskContext) => Promise<JsonValue | TaskResult>;
}

/** Declares a handler; only here so `run`'s input type follows from the schema. */
export function defineTaskHandler<Schema extends z.ZodType>(
  definition: TaskHandlerDefinition<Schema>,
): TaskHandlerDefinition<Schema> {
  return definition;
}

/** Custom handlers keyed by task type, as `createWorker({ handlers })` takes them. */
export type TaskHandlerDefinitions = Readonly<Record<string, TaskHandlerDefinition>>;

/** Task type names follow the built-in ones: upper case, digits and underscores. */
export const TASK_TYPE_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Where custom handlers' outbound calls go: the worker's egress client and each tenant's host allowlist. */
export interface CustomHandlerEgress {
  client: EgressClient;
  tenantHosts(tenantId: string): Promise<readonly string[]>;
}

function egressFor(egress: CustomHandlerEgress, context: TaskContext): EgressFetch {
  return async (request) => {
    const allowedHosts = await egress.tenantHosts(context.tenantId);
    try {
      return await egress.client.fetch({ ...request, allowedHosts, signal: context.signal });
    } catch (error) {
      if (isEgressError(error))
        throw new NonRetriableTaskError(
          `${request.method} ${request.url} refused by the egress policy: ${error.message}`,
        );
      throw error;
    }
  };
}

/** The registry's handler: parse the input (a failure fails the task at once, naming the field), then run. */
export function toTaskHandler(
  type: string,
  definition: TaskHandlerDefinition,
  egress: CustomHandlerEgress,
): TaskHandler {
  return (input, context) =>
    definition.run(parseTaskInput(definition.input, input, type), { ...context, egress: egressFor(egress, context) });
}

/**
 * Adds a deployment's handlers to a registry holding the built-in ones and returns what to register in Postgres.
 * Refuses a name outside TASK_TYPE_NAME and a built-in type's name: a custom handler never silently replaces one.
 */
export function addCustomHandlers(
  registry: TaskHandlerRegistry,
  handlers: TaskHandlerDefinitions,
  egress: CustomHandlerEgress,
): TaskTypeInfo[] {
  return Object.entries(handlers).map(([type, definition]) => {
    if (!TASK_TYPE_NAME.test(type))
      throw new Error(`custom task type "${type}" is not a valid name (expected ${TASK_TYPE_NAME.source})`);
    if (registry.get(type)) throw new Error(`custom task type "${type}" would replace the built-in handler`);
    registry.register(type, toTaskHandler(type, definition, egress));
    return { type, description: definition.description ?? null, inputSchema: inputJsonSchema(definition.input) };
  });
}
