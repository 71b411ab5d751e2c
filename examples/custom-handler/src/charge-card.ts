import { defineTaskHandler, NonRetriableTaskError } from '@switchyard/engine/worker';
import { z } from 'zod';

/** What a CHARGE_CARD task's input must be once its references are resolved; literal parts are checked at publish. */
export const chargeCardInput = z.object({
  /** In minor units (cents). */
  amount: z.number().int().positive().max(1_000_000),
  currency: z.enum(['EUR', 'USD', 'GBP']),
  /** A token from the payment provider's card vault, never a card number. */
  cardToken: z.string().regex(/^tok_[A-Za-z0-9]{4,64}$/, 'expected a card token such as "tok_visa4242"'),
});

const chargeAnswer = z.object({ id: z.string().min(1).max(200) });

/**
 * Charges a card at the payment provider (`POST {paymentsUrl}/charges`). The call goes through the worker's egress
 * policy (ctx.egress), and the task id is the provider's idempotency key: a task may run more than once (a worker
 * killed after the charge but before its result commits runs it again), the card is charged once.
 */
export function createChargeCard(options: { paymentsUrl: string }) {
  return defineTaskHandler({
    description: 'Charges a tokenized card at the payment provider',
    input: chargeCardInput,
    async run(input, ctx) {
      const response = await ctx.egress({
        method: 'POST',
        url: `${options.paymentsUrl}/charges`,
        headers: { 'content-type': 'application/json', 'idempotency-key': ctx.taskId },
        body: JSON.stringify(input),
      });
      // A decline will not turn into an approval by retrying; anything else non-2xx may be the provider's hiccup.
      if (response.status === 402) throw new NonRetriableTaskError(`card ${input.cardToken} was declined`);
      if (response.status < 200 || response.status > 299)
        throw new Error(`the payment provider answered ${response.status} ${response.statusText}`);
      const { id } = chargeAnswer.parse(JSON.parse(response.body.toString('utf8')));
      ctx.logger.info({ chargeId: id, amount: input.amount, currency: input.currency }, 'card charged');
      return { chargeId: id, amount: input.amount, currency: input.currency };
    },
  });
}
