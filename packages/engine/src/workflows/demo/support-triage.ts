// AI demo workflows. support-triage: a model routes a support ticket and the route is taken at once.
// refund-approval: a model recommends approving or denying a refund, and an operator must approve it.
// WORKFLOW_START carries `{ ticket: { id, subject, body, customer: { name, email, plan } } }` (support-triage)
// or `{ refund: { orderId, amount, reason, customer: { name, email } } }` (refund-approval).
// Both need an AI provider (AI_OPENAI_BASE_URL … or AI_ANTHROPIC_API_KEY); without one the AI task fails
// and the instance waits in `needs_human`, where an operator can send a route event by hand.
import type { TransitionSpec, WorkflowSpec } from '../../spec/types';

const routes = {
  ROUTE_BILLING: { state: 'billing', team: 'billing@example.com' },
  ROUTE_TECHNICAL: { state: 'technical', team: 'support-engineering@example.com' },
  ESCALATE: { state: 'escalated', team: 'support-leads@example.com' },
} as const;

/** Entering a route: remember the model's (or operator's) payload and tell the team by email. */
function routeTransition(event: keyof typeof routes): TransitionSpec {
  const route = routes[event];
  return {
    target: route.state,
    actions: [
      { type: 'assign', path: 'triage', value: { route: event, details: { $ref: 'event.payload' } } },
      {
        type: 'createTask',
        task: {
          type: 'EMAIL',
          name: `notify-${route.state}`,
          input: {
            to: route.team,
            subject: { $template: `[${event}] ticket {{context.ticket.id}}: {{context.ticket.subject}}` },
            text: {
              $template:
                'From {{context.ticket.customer.name}} ({{context.ticket.customer.plan}}):\n\n{{context.ticket.body}}\n\nTriage notes: {{event.payload.summary}}',
            },
          },
          idempotencyKey: { $template: `notify-${route.state}-{{context.ticket.id}}` },
          completionEvent: 'TEAM_NOTIFIED',
        },
      },
    ],
  };
}

const routeTransitions = Object.fromEntries(
  Object.keys(routes).map((event) => [event, routeTransition(event as keyof typeof routes)]),
);

export const supportTriageWorkflow: WorkflowSpec = {
  id: 'support-triage',
  name: 'Support ticket triage (AI)',
  description:
    'A model routes each ticket to billing, technical support or escalation; allowed routes are taken directly.',
  initial: 'idle',
  context: { ticket: null, triage: null },
  states: {
    idle: {
      on: {
        WORKFLOW_START: {
          target: 'triaging',
          actions: [
            { type: 'assign', path: 'ticket', value: { $ref: 'event.payload.ticket' } },
            {
              type: 'createTask',
              task: {
                type: 'AI_DECISION',
                name: 'triage-ticket',
                input: {
                  instructions:
                    'Route this support ticket. ROUTE_BILLING: invoices, payments, refunds. ROUTE_TECHNICAL: bugs, outages, how-to. ESCALATE: legal threats, security incidents, or an angry enterprise customer. Put a one-line "summary" and a "priority" (low, normal, high) in the payload.',
                  context: { ticket: { $ref: 'context.ticket' } },
                  contextFields: ['ticket.subject', 'ticket.body', 'ticket.customer.plan'],
                  policy: { allowedEvents: ['ROUTE_BILLING', 'ROUTE_TECHNICAL', 'ESCALATE'], allowDirectEmit: true },
                  model: { temperature: 0 },
                },
                maxAttempts: 3,
              },
            },
          ],
        },
      },
    },
    triaging: {
      on: {
        ...routeTransitions,
        AI_DECISION_BLOCKED: {
          target: 'needs_human',
          actions: [{ type: 'assign', path: 'triage', value: { blocked: { $ref: 'event.payload' } } }],
        },
        TASK_FAILED: {
          target: 'needs_human',
          actions: [{ type: 'assign', path: 'triage', value: { failed: { $ref: 'event.payload.error' } } }],
        },
      },
    },
    needs_human: {
      description: 'an operator sends ROUTE_BILLING, ROUTE_TECHNICAL or ESCALATE',
      on: { ...routeTransitions },
    },
    billing: { on: { TEAM_NOTIFIED: { target: 'done' } } },
    technical: { on: { TEAM_NOTIFIED: { target: 'done' } } },
    escalated: { on: { TEAM_NOTIFIED: { target: 'done' } } },
    done: { type: 'final' },
  },
};

function refundEmail(outcome: 'approved' | 'denied'): TransitionSpec['actions'] {
  return [
    { type: 'assign', path: 'outcome', value: { decision: outcome, details: { $ref: 'event.payload' } } },
    {
      type: 'createTask',
      task: {
        type: 'EMAIL',
        name: `refund-${outcome}-email`,
        input: {
          to: { $ref: 'context.refund.customer.email', default: 'customer@example.com' },
          subject: { $template: `Your refund for order {{context.refund.orderId}} was ${outcome}` },
          text: {
            $template: `Hello {{context.refund.customer.name}}, your refund of {{context.refund.amount}} was ${outcome}. {{event.payload.message}}`,
          },
        },
        completionEvent: 'CUSTOMER_TOLD',
      },
    },
  ];
}

export const refundApprovalWorkflow: WorkflowSpec = {
  id: 'refund-approval',
  name: 'Refund approval (AI + operator)',
  description:
    'A model recommends approving or denying a refund; an operator approves, overrides or rejects the recommendation.',
  initial: 'idle',
  context: { refund: null, outcome: null },
  states: {
    idle: {
      on: {
        WORKFLOW_START: {
          target: 'reviewing',
          actions: [
            { type: 'assign', path: 'refund', value: { $ref: 'event.payload.refund' } },
            {
              type: 'createTask',
              task: {
                type: 'AI_DECISION',
                name: 'recommend-refund',
                input: {
                  instructions:
                    'Recommend whether to approve this refund request. APPROVE_REFUND when the reason is plausible and the amount is at most 500; otherwise DENY_REFUND. Put a short customer-facing "message" in the payload.',
                  context: { refund: { $ref: 'context.refund' } },
                  contextFields: ['refund.orderId', 'refund.amount', 'refund.reason'],
                  policy: { allowedEvents: ['APPROVE_REFUND', 'DENY_REFUND'], allowDirectEmit: false },
                  model: { temperature: 0 },
                },
                maxAttempts: 3,
              },
            },
          ],
        },
      },
    },
    reviewing: {
      description: 'waiting for an operator to approve, override or reject the recommendation',
      on: {
        APPROVE_REFUND: { target: 'approved', actions: refundEmail('approved') },
        DENY_REFUND: { target: 'denied', actions: refundEmail('denied') },
        AI_DECISION_REJECTED: { target: 'manual_review' },
        AI_DECISION_BLOCKED: { target: 'manual_review' },
        TASK_FAILED: { target: 'manual_review' },
      },
    },
    manual_review: {
      description: 'an operator sends APPROVE_REFUND or DENY_REFUND by hand',
      on: {
        APPROVE_REFUND: { target: 'approved', actions: refundEmail('approved') },
        DENY_REFUND: { target: 'denied', actions: refundEmail('denied') },
      },
    },
    approved: { on: { CUSTOMER_TOLD: { target: 'done' } } },
    denied: { on: { CUSTOMER_TOLD: { target: 'done' } } },
    done: { type: 'final' },
  },
};
