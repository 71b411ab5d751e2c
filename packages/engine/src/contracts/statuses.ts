import { z } from 'zod';

// The statuses stored in Postgres enums and shown in the console; the console's filters and badges read these.

export const instanceStatuses = ['running', 'failed', 'completed', 'cancelled'] as const;
export const instanceStatusSchema = z.enum(instanceStatuses);
export type InstanceStatus = z.infer<typeof instanceStatusSchema>;

export const taskStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Where an AI decision stands with a person: `approval.status` in the decision record. */
export const approvalStatuses = ['not_required', 'pending', 'approved', 'rejected', 'overridden'] as const;
export const approvalStatusSchema = z.enum(approvalStatuses);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/** What the AI policy did with a model's proposal. */
export const policyOutcomes = ['emitted', 'awaiting_approval', 'blocked'] as const;
export const policyOutcomeSchema = z.enum(policyOutcomes);
export type PolicyOutcome = z.infer<typeof policyOutcomeSchema>;

/** Where an invitation stands: pending until accepted, revoked or past its expiry. */
export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;
export const invitationStatusSchema = z.enum(invitationStatuses);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

/** How an operator resolved a decision awaiting approval. */
export const resolutionStatusSchema = z.enum(['approved', 'rejected', 'overridden']);
export type ResolutionStatus = z.infer<typeof resolutionStatusSchema>;
