/** The message and field details of a tRPC error, for error states and dialogs. */
export function describeError(error: unknown): { message: string; details: { path: string; message: string }[] } {
  const e = error as { message?: string; data?: { details?: { path: string; message: string }[] } } | null;
  return { message: e?.message ?? String(error), details: e?.data?.details ?? [] };
}
