export * from './config';
export * from './events';
export { evaluatePolicy, isAllowedEvent, type PolicyOutcome, type PolicyVerdict } from './policy';
export {
  decisionInputSchema,
  decisionPolicySchema,
  modelDecisionSchema,
  type DecisionInput,
  type DecisionPolicy,
  type ModelDecision,
} from './decision-input';
export { decisionRecordSchema, approvalStatuses, type ApprovalStatus, type DecisionRecord } from './decision-record';
export { buildDecisionPrompt, selectContext, type DecisionPrompt } from './prompt';
export { createAiDecisionHandler, type AiDecisionHandlerOptions } from './decision-handler';
