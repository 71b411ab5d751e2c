// The access table of the walk: each tRPC procedure's least role, an input built from the walk's fixtures, and
// what another tenant's admin gets. access-walk.test.ts checks the router against it, so a new procedure fails
// the walk until it has a row here.
import type { Role } from '@switchyard/engine';

export interface Fixtures {
  instanceId: string;
  deadLetterId: string;
  failedTaskId: string;
  queuedTaskId: string;
  tokenId: string;
  viewerUserId: string;
  decisionTaskId: string;
  adminViewId: string;
  invitationId: string;
  endpointId: string;
  subscriptionId: string;
  alertRuleId: string;
  deliveryId: string;
  batchId: string;
}
export interface Rule {
  /** The least role that may call it; 'public' needs no session (an invitation link is its own credential). */
  role: Role | 'public';
  input: (f: Fixtures) => unknown;
  /** What another tenant's admin gets: NOT_FOUND for a tenant-A row, or an answer holding nothing of tenant A. */
  otherTenant: 'NOT_FOUND' | 'answer';
}

const reason = 'access test';
export const rules: Record<string, Rule> = {
  'me.get': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'access.members': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'access.setMemberRole': {
    role: 'admin',
    input: () => ({ email: 'operator@demo.test', role: 'operator', reason }),
    otherTenant: 'NOT_FOUND',
  },
  'access.removeMember': {
    role: 'admin',
    input: (f) => ({ userId: f.viewerUserId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'access.tokens': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'access.createToken': { role: 'admin', input: () => ({ name: 'walk', role: 'viewer' }), otherTenant: 'answer' },
  'access.revokeToken': { role: 'admin', input: (f) => ({ tokenId: f.tokenId, reason }), otherTenant: 'NOT_FOUND' },
  'access.audit': { role: 'operator', input: () => ({}), otherTenant: 'answer' },
  'deadLetters.list': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'deadLetters.retry': {
    role: 'operator',
    input: (f) => ({ messageId: f.deadLetterId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'deadLetters.discard': {
    role: 'operator',
    input: (f) => ({ messageId: f.deadLetterId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'invitations.list': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'invitations.create': {
    role: 'admin',
    input: () => ({ email: 'walk-invite@example.test', role: 'viewer' }),
    otherTenant: 'answer',
  },
  'invitations.revoke': {
    role: 'admin',
    input: (f) => ({ invitationId: f.invitationId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'invitations.preview': { role: 'public', input: () => ({ token: 'inv_not-a-real-token' }), otherTenant: 'NOT_FOUND' },
  'invitations.accept': {
    role: 'public',
    input: () => ({ token: 'inv_not-a-real-token', name: 'Walker', password: 'walk-password-1' }),
    otherTenant: 'NOT_FOUND',
  },
  'decisions.pending': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'decisions.awaitingOperator': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'decisions.forInstance': { role: 'viewer', input: (f) => ({ instanceId: f.instanceId }), otherTenant: 'NOT_FOUND' },
  'decisions.approve': {
    role: 'operator',
    input: (f) => ({ taskId: f.decisionTaskId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'decisions.reject': {
    role: 'operator',
    input: (f) => ({ taskId: f.decisionTaskId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'decisions.override': {
    role: 'operator',
    input: (f) => ({ taskId: f.decisionTaskId, event: 'ANYTHING', reason }),
    otherTenant: 'NOT_FOUND',
  },
  'definitions.list': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'definitions.get': { role: 'viewer', input: () => ({ key: 'hello-workflow' }), otherTenant: 'NOT_FOUND' },
  'definitions.taskTypes': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'definitions.versions': { role: 'viewer', input: () => ({ key: 'hello-workflow' }), otherTenant: 'NOT_FOUND' },
  'drafts.get': { role: 'viewer', input: () => ({ key: 'hello-workflow' }), otherTenant: 'answer' },
  'drafts.save': {
    role: 'admin',
    input: () => ({
      key: 'walk-draft',
      baseVersion: null,
      spec: { id: 'walk-draft', initial: 'a', states: { a: { type: 'final' } } },
    }),
    otherTenant: 'answer',
  },
  'drafts.discard': { role: 'admin', input: () => ({ key: 'walk-draft' }), otherTenant: 'answer' },
  'drafts.publish': {
    role: 'admin',
    input: () => ({ key: 'hello-workflow', message: reason }),
    otherTenant: 'NOT_FOUND',
  },
  'drafts.diff': { role: 'viewer', input: () => ({ key: 'hello-workflow', from: 1, to: 1 }), otherTenant: 'NOT_FOUND' },
  'instances.list': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'instances.get': { role: 'viewer', input: (f) => ({ instanceId: f.instanceId }), otherTenant: 'NOT_FOUND' },
  'instances.timeline': { role: 'viewer', input: (f) => ({ instanceId: f.instanceId }), otherTenant: 'NOT_FOUND' },
  'instances.start': { role: 'operator', input: () => ({ definitionKey: 'hello-workflow' }), otherTenant: 'NOT_FOUND' },
  'instances.sendEvent': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, type: 'NOTHING', reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.cancel': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.raiseGuard': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, limit: 10, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.pause': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.resume': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.previewMove': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, state: 'w', reason }),
    otherTenant: 'NOT_FOUND',
  },
  'instances.move': {
    role: 'operator',
    input: (f) => ({ instanceId: f.instanceId, state: 'w', reason }),
    otherTenant: 'NOT_FOUND',
  },
  'batches.preview': {
    role: 'viewer',
    input: () => ({ where: { status: 'failed' }, action: { action: 'retry' } }),
    otherTenant: 'answer',
  },
  'batches.start': {
    role: 'operator',
    input: (f) => ({ where: { search: f.instanceId }, action: { action: 'pause' }, reason }),
    otherTenant: 'answer',
  },
  'batches.list': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'batches.get': { role: 'viewer', input: (f) => ({ batchId: f.batchId }), otherTenant: 'NOT_FOUND' },
  'batches.pause': { role: 'operator', input: (f) => ({ batchId: f.batchId, reason }), otherTenant: 'NOT_FOUND' },
  'batches.resume': { role: 'operator', input: (f) => ({ batchId: f.batchId, reason }), otherTenant: 'NOT_FOUND' },
  'batches.abort': { role: 'operator', input: (f) => ({ batchId: f.batchId, reason }), otherTenant: 'NOT_FOUND' },
  'instances.watch': { role: 'viewer', input: (f) => ({ instanceId: f.instanceId }), otherTenant: 'NOT_FOUND' },
  'tasks.list': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'tasks.retry': { role: 'operator', input: (f) => ({ taskId: f.failedTaskId, reason }), otherTenant: 'NOT_FOUND' },
  'tasks.cancel': { role: 'operator', input: (f) => ({ taskId: f.queuedTaskId, reason }), otherTenant: 'NOT_FOUND' },
  'stats.countsByStatus': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'stats.countsByDefinition': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'stats.throughput': { role: 'viewer', input: () => ({ hours: 1 }), otherTenant: 'answer' },
  'stats.recentFailures': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'stats.tasksWaiting': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'tenantSettings.get': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'tenantSettings.setEgressHosts': {
    role: 'admin',
    input: () => ({ hosts: ['api.example.com'], reason }),
    otherTenant: 'answer',
  },
  'tenantSettings.setEmailSender': {
    role: 'admin',
    input: () => ({ emailFrom: 'ops@example.com', reason }),
    otherTenant: 'answer',
  },
  'secrets.list': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'secrets.set': {
    role: 'admin',
    input: () => ({ name: 'walk_secret', value: 'walk-secret-value' }),
    otherTenant: 'answer',
  },
  'secrets.delete': { role: 'admin', input: () => ({ name: 'tenant_a_secret', reason }), otherTenant: 'NOT_FOUND' },
  'search.instances': {
    role: 'viewer',
    input: () => ({ where: [{ path: 'context.tier', op: 'exists' }] }),
    otherTenant: 'answer',
  },
  'search.count': { role: 'viewer', input: () => ({}), otherTenant: 'answer' },
  'search.timeline': {
    role: 'viewer',
    input: (f) => ({ instanceId: f.instanceId, text: 'walk' }),
    otherTenant: 'NOT_FOUND',
  },
  'search.incidents': { role: 'viewer', input: () => ({ window: '7d' }), otherTenant: 'answer' },
  'views.list': { role: 'viewer', input: () => undefined, otherTenant: 'answer' },
  'views.save': { role: 'viewer', input: () => ({ name: 'walk view', query: 'status=failed' }), otherTenant: 'answer' },
  // The admin's personal view: everyone else is told it does not exist.
  'views.delete': { role: 'viewer', input: (f) => ({ viewId: f.adminViewId }), otherTenant: 'NOT_FOUND' },
  'webhooks.endpoints': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'webhooks.createEndpoint': {
    role: 'admin',
    input: () => ({
      name: 'walk endpoint',
      definitionKey: 'other-key',
      businessKeyPath: 'data.id',
      eventType: 'PAID',
      secretName: 'walk_hook_secret',
    }),
    otherTenant: 'answer',
  },
  'webhooks.deleteEndpoint': { role: 'admin', input: (f) => ({ id: f.endpointId, reason }), otherTenant: 'NOT_FOUND' },
  'webhooks.inboundDeliveries': { role: 'admin', input: () => ({}), otherTenant: 'answer' },
  'webhooks.subscriptions': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'webhooks.createSubscription': {
    role: 'admin',
    input: () => ({
      name: 'walk subscription',
      url: 'https://hooks.example.com/walk',
      events: ['instance.failed'],
      secretName: 'walk_hook_secret',
    }),
    otherTenant: 'answer',
  },
  'webhooks.deleteSubscription': {
    role: 'admin',
    input: (f) => ({ id: f.subscriptionId, reason }),
    otherTenant: 'NOT_FOUND',
  },
  'webhooks.deliveries': { role: 'admin', input: () => ({ source: 'alerts' }), otherTenant: 'answer' },
  'webhooks.redeliver': { role: 'admin', input: (f) => ({ id: f.deliveryId, reason }), otherTenant: 'NOT_FOUND' },
  'alertRules.list': { role: 'admin', input: () => undefined, otherTenant: 'answer' },
  'alertRules.create': {
    role: 'admin',
    input: () => ({ name: 'walk rule', kind: 'instance_failed', channel: 'email', emailTo: 'walk@example.test' }),
    otherTenant: 'answer',
  },
  'alertRules.delete': { role: 'admin', input: (f) => ({ id: f.alertRuleId, reason }), otherTenant: 'NOT_FOUND' },
  'alertRules.sendTest': { role: 'admin', input: (f) => ({ id: f.alertRuleId, reason }), otherTenant: 'NOT_FOUND' },
};
