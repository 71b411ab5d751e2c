import { z } from 'zod';
import { SECRET_NAME_PATTERN, SECRET_NAME_RULE } from './names';
import { reasonSchema } from './reason';
import { roleSchema } from './roles';

// The input of every tenant-admin action (members, API tokens, invitations, secrets, tenant settings), as the
// engine's service validates it. The console's routers pass the same schemas to `.input()`, with `requireReason`
// where the console asks for a reason, so a rule is written once.

const emailSchema = z.string().trim().max(254, 'email: at most 254 characters').email('expected an email address');

export const setMemberRoleInput = z.object({ email: emailSchema, role: roleSchema, reason: reasonSchema.optional() });
export type SetMemberRoleInput = z.input<typeof setMemberRoleInput>;

export const removeMemberInput = z.object({
  userId: z.string().min(1, 'expected a user id'),
  reason: reasonSchema.optional(),
});
export type RemoveMemberInput = z.input<typeof removeMemberInput>;

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, 'expected a token name').max(100, 'expected a token name of at most 100 characters'),
  role: roleSchema,
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.object({
  tokenId: z.string().uuid('expected a token id (a UUID)'),
  reason: reasonSchema.optional(),
});
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenInput>;

export const createInvitationInput = z.object({ email: emailSchema, role: roleSchema });
export type CreateInvitationInput = z.input<typeof createInvitationInput>;

export const revokeInvitationInput = z.object({
  invitationId: z.string().uuid('expected an invitation id (a UUID)'),
  reason: reasonSchema.optional(),
});
export type RevokeInvitationInput = z.input<typeof revokeInvitationInput>;

// A value shorter than this could not be told apart from ordinary text when it is redacted from task output.
export const SECRET_VALUE_MIN_CHARS = 8;
export const SECRET_VALUE_MAX_CHARS = 8_192;

export const secretNameSchema = z.string().regex(SECRET_NAME_PATTERN, `expected a secret name of ${SECRET_NAME_RULE}`);

export const setSecretInput = z.object({
  name: secretNameSchema,
  value: z
    .string()
    .min(SECRET_VALUE_MIN_CHARS, `expected a secret value of at least ${SECRET_VALUE_MIN_CHARS} characters`)
    .max(SECRET_VALUE_MAX_CHARS, `expected a secret value of at most ${SECRET_VALUE_MAX_CHARS} characters`),
  reason: reasonSchema.optional(),
});
export type SetSecretInput = z.input<typeof setSecretInput>;

export const deleteSecretInput = z.object({ name: secretNameSchema, reason: reasonSchema.optional() });
export type DeleteSecretInput = z.input<typeof deleteSecretInput>;

/** At most this many entries in a tenant's host allowlist. */
export const MAX_TENANT_EGRESS_HOSTS = 100;

/** The tenant's HTTP host allowlist; each entry is checked further by the service (egress/tenant-hosts). */
export const setEgressHostsInput = z.object({
  hosts: z
    .array(z.string().max(300, 'expected a host of at most 300 characters'))
    .max(MAX_TENANT_EGRESS_HOSTS, `at most ${MAX_TENANT_EGRESS_HOSTS} hosts`),
  reason: reasonSchema.optional(),
});
export type SetEgressHostsInput = z.input<typeof setEgressHostsInput>;

// "ops@acme.example" or "Acme Ops <ops@acme.example>": a display name may precede the address in angle brackets.
const senderPattern = /^(?:[^<>@\r\n"]{1,100} <[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

/** The sender of the tenant's EMAIL tasks; null goes back to the deployment's EMAIL_FROM. */
export const setEmailSenderInput = z.object({
  emailFrom: z
    .string()
    .trim()
    .max(320)
    .regex(senderPattern, 'expected an email address, e.g. ops@acme.example or "Acme Ops <ops@acme.example>"')
    .nullable(),
  reason: reasonSchema.optional(),
});
export type SetEmailSenderInput = z.input<typeof setEmailSenderInput>;

const slotCap = z
  .number()
  .int('expected a whole number')
  .min(1, 'expected at least 1')
  .max(10_000, 'expected at most 10000')
  .nullable()
  .optional();

const ratePerMinute = z
  .number()
  .int('expected a whole number')
  .min(1, 'expected at least 1')
  .max(10_000_000, 'expected at most 10000000')
  .nullable()
  .optional();

/** A tenant's own fair-share caps and request rates per minute; null: the deployment's default, absent: unchanged. */
export const setTenantConcurrencyInput = z.object({
  taskConcurrency: slotCap,
  orchestratorConcurrency: slotCap,
  readsPerMinute: ratePerMinute,
  writesPerMinute: ratePerMinute,
  reason: reasonSchema.optional(),
});
export type SetTenantConcurrencyInput = z.input<typeof setTenantConcurrencyInput>;

/** The one-time link's token: the link itself is the credential. */
export const invitationTokenSchema = z
  .string()
  .trim()
  .min(1, 'expected an invitation token')
  .max(200, 'token: at most 200 characters');
export const previewInvitationInput = z.object({ token: invitationTokenSchema });

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/** The name and password of the account an invitation creates (signed out). */
export const newAccountNameSchema = z
  .string()
  .trim()
  .min(1, 'name: expected your name')
  .max(100, 'name: at most 100 characters');
export const newAccountPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `password: at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password: at most ${PASSWORD_MAX} characters`);

/** Accepting a link: signed in (as that person), or signed out by creating the account. */
export const acceptInvitationInput = z.union([
  z.object({ token: invitationTokenSchema, userId: z.string().min(1) }),
  z.object({ token: invitationTokenSchema, name: newAccountNameSchema, password: newAccountPasswordSchema }),
]);
export type AcceptInvitationInput = z.input<typeof acceptInvitationInput>;
