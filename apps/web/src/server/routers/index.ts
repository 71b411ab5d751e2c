import { createCallerFactory, router } from '../trpc';
import { definitionsRouter } from './definitions';
import { instancesRouter } from './instances';
import { statsRouter } from './stats';
import { tasksRouter } from './tasks';

export const appRouter = router({
  definitions: definitionsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, server components): `createCaller(createTrpcContext({ engine, headers }))`. */
export const createCaller = createCallerFactory(appRouter);
