import type { WorkflowSpec } from '../../spec';
import { helloWorkflow } from '../fixtures/hello-workflow';

/** The workflows `switchyard seed` publishes into the demo tenant. */
export const demoWorkflows: WorkflowSpec[] = [helloWorkflow];
