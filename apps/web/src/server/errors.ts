import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { isEngineError, type EngineErrorCode, type ErrorDetail } from '@switchyard/engine';

// The one place engine error codes become tRPC codes (and so HTTP statuses).
const codeMap: Record<EngineErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_INPUT: 'BAD_REQUEST',
  SPEC_INVALID: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  POLICY_VIOLATION: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  HANDLER_MISSING: 'INTERNAL_SERVER_ERROR',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** Carries the engine's code and field details to the client through the error formatter. */
export class MappedEngineError extends TRPCError {
  constructor(
    readonly engineCode: EngineErrorCode,
    message: string,
    readonly details: ErrorDetail[],
    cause: Error,
  ) {
    super({ code: codeMap[engineCode], message, cause });
  }
}

export function toTrpcError(error: unknown): unknown {
  if (isEngineError(error)) return new MappedEngineError(error.code, error.message, error.details, error);
  return error;
}
