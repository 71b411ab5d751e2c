import { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A value that is JSON by construction: it arrived as JSON text (an HTTP body, a CLI argument, a Redis job, a
 * jsonb column), so it is typed as JSON without a walk at run time: payloads can be large, the size limits
 * (`limits/`) measure them, and a second walk on every job would only cost time.
 */
export const jsonValueSchema = z.unknown().transform((value) => value as JsonValue);

/** A JSON object: start inputs, event and decision payloads. */
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);
