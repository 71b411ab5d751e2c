/** Why the egress policy refused a call; each is a policy decision, so retrying cannot help. */
export type EgressErrorCode =
  'EGRESS_DENIED' | 'EGRESS_SCHEME' | 'EGRESS_REDIRECTS' | 'EGRESS_TOO_LARGE' | 'EGRESS_BAD_URL';

/** Thrown by egressFetch when the policy refuses a call; the message names the address, host or limit. */
export class EgressError extends Error {
  override readonly name = 'EgressError';
  constructor(
    readonly code: EgressErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isEgressError(error: unknown): error is EgressError {
  return error instanceof EgressError;
}
