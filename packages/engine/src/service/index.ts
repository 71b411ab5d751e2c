import type { TenantContext } from '../contracts/actor';
import type { EngineDeps } from '../deps/engine-deps';
import { traced } from '../observability/tracing';
import { cancelInstance, cancelTask, retryTask } from './operator-actions';
import { sendEvent, startInstance } from './commands';
import { getDefinition, listDefinitions, listDefinitionVersions, publishDefinition } from './definitions';
import { diffVersions, discardDraft, getDraft, publishDraft, saveDraft } from './drafts';
import { approveDecision, getDecision, listPendingDecisions, overrideDecision, rejectDecision } from './decisions';
import { listAwaitingOperator } from './awaiting-operator';
import { getInstance, getTimeline, listInstances, listTasks } from './queries';
import { getInstancePage } from './instance-page';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import { listAudit } from './audit';
import { listMembers, removeMember, setMemberRole } from './members';
import { getTenantSettings, setEgressAllowedHosts, setEmailSender } from './tenant-settings';
import { discardDeadLetter, listDeadLetters, retryDeadLetter } from './dead-letters';
import { raiseGuardAndResume } from './runaway-guards';
import { pauseInstance, resumeInstance } from './instance-ops/pause';
import { listTaskTypes } from './task-types';
import { moveInstance, previewMove } from './instance-ops/move';
import { migrateInstance } from './instance-ops/migrate';
import { controlBatch, getBatch, listBatches, previewBatch, startBatch } from './batches';
import { deleteSecret, listSecrets, setSecret } from './secrets';
import { getTenantConcurrency, setTenantConcurrency } from './tenant-concurrency';
import { createInvitation, listInvitations, revokeInvitation } from './invitations';
import { countsByDefinition, countsByStatus, recentFailures, tasksWaiting, throughput } from './stats';
import {
  countInstances,
  deleteView,
  listIncidents,
  listSavedViews,
  saveView,
  searchInstances,
  searchTimeline,
} from './search';
import {
  createAlertRule,
  createWebhookEndpoint,
  createWebhookSubscription,
  deleteAlertRule,
  deleteWebhookEndpoint,
  deleteWebhookSubscription,
  listAlertRules,
  listInboundDeliveries,
  listOutboundDeliveries,
  listWebhookEndpoints,
  listWebhookSubscriptions,
  redeliverOutbound,
  testAlertRule,
} from './hooks';

export * from './commands';
export * from './definitions';
export * from './decisions';
export * from './awaiting-operator';
export * from './drafts';
export * from './operator-actions';
export * from './queries';
export * from './instance-page';
export * from './api-tokens';
export * from './audit';
export * from './members';
export * from './secrets';
export * from './invitations';
export * from './invitation-mail';
export * from './stats';
export * from './tenant-settings';
export * from './dead-letters';
export * from './runaway-guards';
export * from './instance-ops';
export * from './batches';
export * from './tenant-concurrency';
export * from './search';
export * from './hooks';
export { listTaskTypes } from './task-types';

type BoundFn<F> = F extends (deps: EngineDeps, ctx: TenantContext, ...rest: infer A) => infer R
  ? (ctx: TenantContext, ...rest: A) => R
  : never;

const serviceFunctions = {
  publishDefinition,
  listDefinitions,
  getDefinition,
  listDefinitionVersions,
  listTaskTypes,
  startInstance: traced('switchyard.start_instance', startInstance),
  sendEvent: traced('switchyard.send_event', sendEvent),
  cancelInstance,
  getInstance,
  listInstances,
  getTimeline,
  getInstancePage,
  retryTask,
  cancelTask,
  listTasks,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  listMembers,
  setMemberRole,
  removeMember,
  listAudit,
  createInvitation,
  listInvitations,
  revokeInvitation,
  countsByStatus,
  countsByDefinition,
  throughput,
  recentFailures,
  tasksWaiting,
  listPendingDecisions,
  getDecision,
  approveDecision,
  rejectDecision,
  overrideDecision,
  listAwaitingOperator,
  saveDraft,
  getDraft,
  discardDraft,
  publishDraft,
  diffVersions,
  getTenantSettings,
  setEgressAllowedHosts,
  setEmailSender,
  raiseGuardAndResume,
  pauseInstance,
  resumeInstance,
  previewMove,
  moveInstance,
  migrateInstance,
  previewBatch,
  startBatch,
  listBatches,
  getBatch,
  controlBatch,
  listDeadLetters,
  retryDeadLetter,
  discardDeadLetter,
  getTenantConcurrency,
  setTenantConcurrency,
  listSecrets,
  setSecret,
  deleteSecret,
  searchInstances,
  countInstances,
  searchTimeline,
  listIncidents,
  listSavedViews,
  saveView,
  deleteView,
  listWebhookEndpoints,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listInboundDeliveries,
  listWebhookSubscriptions,
  createWebhookSubscription,
  deleteWebhookSubscription,
  listOutboundDeliveries,
  redeliverOutbound,
  listAlertRules,
  createAlertRule,
  deleteAlertRule,
  testAlertRule,
};

export type EngineService = { [K in keyof typeof serviceFunctions]: BoundFn<(typeof serviceFunctions)[K]> };

/** The application API with its resources bound: what tRPC, the CLI and tests call. */
export function createEngineService(deps: EngineDeps): EngineService {
  const bound = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(serviceFunctions)) {
    bound[name] = (ctx: TenantContext, ...rest: unknown[]) =>
      (fn as (...args: unknown[]) => unknown)(deps, ctx, ...rest);
  }
  return bound as EngineService;
}
