// Task checks a spec can pass at publish time: the type is one a worker can run, and the input fields each
// built-in type cannot do without are there, or what a custom type's schema asks. Only literal values are checked; a $ref or $template is
// resolved at run time and checked by the handler then. Pure: the known types are passed in.
import type { PathSegment } from './json-path';
import { quoteName } from '../contracts/names';
import type { Report } from './problem-sink';
import { isPlainObject } from './references';
import { checkTaskInputSchema, isDynamicValue as isDynamic, type TaskInputSchemas } from './task-input-schemas';

const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

function requireField(
  input: Record<string, unknown>,
  field: string,
  type: string,
  expected: string,
  at: readonly PathSegment[],
  report: Report,
): void {
  if (!Object.hasOwn(input, field))
    report([...at, field], 'MISSING_TASK_INPUT', `${type} task input needs "${field}" (${expected})`);
}

function checkInputOf(type: string, input: unknown, at: readonly PathSegment[], report: Report): void {
  if (isDynamic(input)) return;
  if (type !== 'EMAIL' && type !== 'HTTP') return;
  if (!isPlainObject(input)) {
    report(at, 'INVALID_TASK_INPUT', `${type} task input must be an object`);
    return;
  }
  if (type === 'EMAIL') {
    requireField(input, 'to', type, 'an address or a list of addresses', at, report);
    requireField(input, 'subject', type, 'a string', at, report);
    return;
  }
  requireField(input, 'url', type, 'an http(s) URL', at, report);
  const url = input['url'];
  if (typeof url === 'string' && !/^https?:\/\/\S+$/i.test(url))
    report([...at, 'url'], 'INVALID_TASK_INPUT', `HTTP url ${quoteName(url)} is not an http(s) URL`);
  const method = input['method'];
  if (method !== undefined && !isDynamic(method) && (typeof method !== 'string' || !httpMethods.includes(method))) {
    report(
      [...at, 'method'],
      'INVALID_TASK_INPUT',
      `HTTP method ${JSON.stringify(method)} is not one of ${httpMethods.join(', ')} (GET when omitted)`,
    );
  }
}

/**
 * Reports a task type no worker can run, missing input a built-in type needs, and literal input that fails the
 * schema a custom handler declared.
 */
export function checkTaskTypeAndInput(
  task: Record<string, unknown>,
  at: readonly PathSegment[],
  knownTypes: readonly string[],
  inputSchemas: TaskInputSchemas,
  report: Report,
): void {
  const type = task['type'];
  if (typeof type !== 'string' || type === '') return; // shape problems come from the schema
  if (!knownTypes.includes(type)) {
    report(
      [...at, 'type'],
      'UNKNOWN_TASK_TYPE',
      `task type ${quoteName(type)} has no handler; expected one of: ${[...knownTypes].sort().join(', ')}`,
    );
    return;
  }
  const schema = inputSchemas[type];
  if (schema) checkTaskInputSchema(type, schema, task['input'], [...at, 'input'], report);
  else checkInputOf(type, task['input'], [...at, 'input'], report);
}
