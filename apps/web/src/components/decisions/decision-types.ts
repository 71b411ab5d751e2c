import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/routers';

type Outputs = inferRouterOutputs<AppRouter>['decisions'];

/** One AI decision task of an instance with its full stored record (null until the model has answered). */
export type DecisionViewRow = Outputs['forInstance'][number];
export type DecisionRecordRow = NonNullable<DecisionViewRow['decision']>;
/** A decision awaiting approval, as listed in the inbox. */
export type PendingDecisionRow = Outputs['pending'][number];
/** A running instance only an operator's event will move (e.g. after a rejected decision). */
export type AwaitingOperatorRow = Outputs['awaitingOperator'][number];
