import { createCallerFactory, router } from '../trpc';
import { accessRouter } from './access';
import { alertRulesRouter } from './alert-rules';
import { batchesRouter } from './batches';
import { deadLettersRouter } from './dead-letters';
import { decisionsRouter } from './decisions';
import { definitionsRouter } from './definitions';
import { draftsRouter } from './drafts';
import { instancesRouter } from './instances';
import { invitationsRouter } from './invitations';
import { meRouter } from './me';
import { secretsRouter } from './secrets';
import { searchRouter, viewsRouter } from './search';
import { statsRouter } from './stats';
import { tasksRouter } from './tasks';
import { tenantSettingsRouter } from './tenant-settings';
import { webhooksRouter } from './webhooks';

export const appRouter = router({
  me: meRouter,
  access: accessRouter,
  invitations: invitationsRouter,
  definitions: definitionsRouter,
  drafts: draftsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  decisions: decisionsRouter,
  deadLetters: deadLettersRouter,
  stats: statsRouter,
  tenantSettings: tenantSettingsRouter,
  secrets: secretsRouter,
  search: searchRouter,
  views: viewsRouter,
  webhooks: webhooksRouter,
  alertRules: alertRulesRouter,
  batches: batchesRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, server components): `createCaller(createTrpcContext({ engine, auth, headers }))`. */
export const createCaller = createCallerFactory(appRouter);
