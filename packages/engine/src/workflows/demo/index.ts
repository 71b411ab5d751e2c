import type { WorkflowSpec } from '../../spec';
import { helloWorkflow } from '../fixtures/hello-workflow';
import { refundApprovalWorkflow, supportTriageWorkflow } from './support-triage';

/** The workflows `switchyard seed` publishes into the demo tenant. */
export const demoWorkflows: WorkflowSpec[] = [helloWorkflow, supportTriageWorkflow, refundApprovalWorkflow];
