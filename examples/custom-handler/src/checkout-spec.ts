/** A workflow that charges the card an order names: amount and token come from the start input at run time. */
export const checkoutSpec = {
  id: 'checkout',
  initial: 'charging',
  context: { currency: 'EUR' },
  states: {
    charging: {
      on: {
        WORKFLOW_START: {
          actions: [
            {
              type: 'createTask',
              task: {
                type: 'CHARGE_CARD',
                name: 'charge',
                input: {
                  amount: { $ref: 'event.payload.amount' },
                  currency: { $ref: 'context.currency' },
                  cardToken: { $ref: 'event.payload.cardToken' },
                },
                completionEvent: 'CHARGED',
                failureEvent: 'CHARGE_FAILED',
                maxAttempts: 2,
              },
            },
          ],
        },
        CHARGED: {
          target: 'paid',
          actions: [{ type: 'assign', path: 'chargeId', value: { $ref: 'event.payload.chargeId' } }],
        },
        CHARGE_FAILED: { target: 'declined' },
      },
    },
    paid: { type: 'final' },
    declined: { type: 'final' },
  },
};
