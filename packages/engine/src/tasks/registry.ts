import type { JsonValue } from '../json';
import type { Logger } from '../logger';

/** What a handler gets: its input and a way to tell where it runs, nothing global. */
export interface TaskContext {
  tenantId: string;
  taskId: string;
  instanceId: string;
  attempt: number;
  name: string;
  signal: AbortSignal;
  logger: Logger;
}

/** Runs one attempt of one task type. Returns the output stored on the task and sent with its completion event. */
export type TaskHandler = (input: JsonValue, context: TaskContext) => Promise<JsonValue>;

/** Thrown by a handler when trying again cannot help (bad input, policy violation): the task fails at once. */
export class NonRetriableTaskError extends Error {
  override readonly name = 'NonRetriableTaskError';
}

/** Handlers keyed by task type; the worker looks a task's type up here. */
export class TaskHandlerRegistry {
  private readonly handlers = new Map<string, TaskHandler>();

  register(type: string, handler: TaskHandler): this {
    this.handlers.set(type, handler);
    return this;
  }

  get(type: string): TaskHandler | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
