/** What went wrong, in a form the console and the CLI can map to a status without parsing messages. */
export type EngineErrorCode =
  | 'SPEC_INVALID'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY_VIOLATION'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'HANDLER_MISSING'
  | 'INTERNAL';

export interface ErrorDetail {
  path: string;
  message: string;
  code?: string;
}

/** The one error type the engine throws on purpose. The message is meant for a person to act on. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
