// The limits on what a tenant may hand the engine, in one place: defaults, their environment names, and the
// zod shape both env.ts files (CLI/worker and console) merge into their own schema.
import { z } from 'zod';

export interface InputLimits {
  /** A spec's JSON, in bytes. */
  specBytes: number;
  /** States in one spec. */
  specStates: number;
  /** Transitions (every alternative counts) in one spec. */
  specTransitions: number;
  /** Nesting of any JSON a tenant sends: spec, draft, start input, event payload. */
  jsonDepth: number;
  /** A draft's JSON, in bytes (a draft may be invalid, never unbounded). */
  draftBytes: number;
  /** The input of `start`, in bytes. */
  startInputBytes: number;
  /** The payload of an event sent to an instance, in bytes. */
  eventPayloadBytes: number;
  /** An instance's context when it starts (the spec's context with the start input over it), in bytes. */
  contextBytes: number;
  /** One HTTP request to the console's tRPC endpoint, in bytes. */
  trpcBodyBytes: number;
  /** Calls in one tRPC batch. */
  trpcBatchSize: number;
  /** One HTTP request body to the HTTP API (`/api/v1`), in bytes. */
  apiBodyBytes: number;
  /** One POST to an inbound webhook endpoint, in bytes. */
  webhookBodyBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Each limit's environment variable and default. */
export const inputLimitSettings = {
  specBytes: { env: 'LIMIT_SPEC_BYTES', default: 1 * MiB },
  specStates: { env: 'LIMIT_SPEC_STATES', default: 2_000 },
  specTransitions: { env: 'LIMIT_SPEC_TRANSITIONS', default: 10_000 },
  jsonDepth: { env: 'LIMIT_JSON_DEPTH', default: 64 },
  draftBytes: { env: 'LIMIT_DRAFT_BYTES', default: 1 * MiB },
  startInputBytes: { env: 'LIMIT_START_INPUT_BYTES', default: 256 * KiB },
  eventPayloadBytes: { env: 'LIMIT_EVENT_PAYLOAD_BYTES', default: 256 * KiB },
  contextBytes: { env: 'LIMIT_CONTEXT_BYTES', default: 1 * MiB },
  trpcBodyBytes: { env: 'LIMIT_TRPC_BODY_BYTES', default: 2 * MiB },
  trpcBatchSize: { env: 'LIMIT_TRPC_BATCH', default: 50 },
  apiBodyBytes: { env: 'LIMIT_API_BODY_BYTES', default: 2 * MiB },
  webhookBodyBytes: { env: 'LIMIT_WEBHOOK_BODY_BYTES', default: 256 * KiB },
} as const satisfies Record<keyof InputLimits, { env: string; default: number }>;

export type InputLimitName = keyof InputLimits;

export const defaultInputLimits: InputLimits = Object.fromEntries(
  Object.entries(inputLimitSettings).map(([name, s]) => [name, s.default]),
) as unknown as InputLimits;

/** The environment variable that changes a limit, for error messages. */
export function limitEnvName(name: InputLimitName): string {
  return inputLimitSettings[name].env;
}

const positiveInt = z.coerce.number().int().positive();

/** The zod shape of the LIMIT_* variables, for an app's env schema (`envSchema.extend(inputLimitsEnvShape)`). */
export const inputLimitsEnvShape = Object.fromEntries(
  Object.values(inputLimitSettings).map((s) => [s.env, positiveInt.default(s.default)]),
) as Record<(typeof inputLimitSettings)[InputLimitName]['env'], z.ZodDefault<typeof positiveInt>>;

/** Reads the limits out of an env object parsed with inputLimitsEnvShape. */
export function inputLimitsFromEnv(env: Record<string, unknown>): InputLimits {
  const limits = { ...defaultInputLimits };
  for (const [name, setting] of Object.entries(inputLimitSettings) as [InputLimitName, { env: string }][]) {
    const value = env[setting.env];
    if (typeof value === 'number') limits[name] = value;
  }
  return limits;
}

/** "1 MiB", "256 KiB", "1.4 MiB", "900 bytes": sizes the way a person reads them in an error. */
export function formatSize(bytes: number): string {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MiB`;
  if (bytes >= KiB) return `${Number((bytes / KiB).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
