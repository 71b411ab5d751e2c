// A stand-in for a model provider during the end-to-end run: a real HTTP server that speaks the OpenAI chat
// completions API, so the worker's real AI SDK client goes over the network. It answers deterministically
// from the prompt (the allowlist in the system message, the refund amount in the context).
// Run: node --import tsx e2e/support/fake-model-server.ts [port]   (default 3199)
import { createServer, type IncomingMessage } from 'node:http';
import { chatCompletion } from '../../packages/engine/test/support/chat-completion';

interface ChatRequest {
  model?: string;
  messages?: { role: string; content: unknown }[];
}

interface Decision {
  event: string;
  payload: Record<string, unknown>;
  rationale: string;
  confidence: number;
}

const port = Number(process.argv[2] ?? 3199);

function messageText(body: ChatRequest, role: string): string {
  return (body.messages ?? [])
    .filter((m) => m.role === role)
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

/** The allowed events as the engine's prompt lists them ("Allowed events:" then "- EVENT" lines). */
function allowedEvents(system: string): string[] {
  return [...system.matchAll(/^- ([A-Za-z_][A-Za-z0-9_.:-]*)$/gm)].map((m) => m[1]!);
}

/** Refunds: approve up to 500, deny above (what the refund-approval instructions ask for); otherwise the first allowed event. */
function decide(body: ChatRequest): Decision {
  const allowed = allowedEvents(messageText(body, 'system'));
  const user = messageText(body, 'user');
  if (allowed.includes('APPROVE_REFUND')) {
    const amount = Number(/amount":\s*(\d+(?:\.\d+)?)/.exec(user)?.[1] ?? NaN);
    if (Number.isFinite(amount) && amount > 500) {
      return {
        event: 'DENY_REFUND',
        payload: { message: 'Refunds above 500 need a manual review.' },
        rationale: `The amount (${amount}) is above the 500 limit for automatic refunds.`,
        confidence: 0.74,
      };
    }
    return {
      event: 'APPROVE_REFUND',
      payload: { message: 'Your refund is on its way.' },
      rationale: `The reason given is plausible and the amount (${Number.isFinite(amount) ? amount : 'unknown'}) is within the 500 limit, so the refund should be approved.`,
      confidence: 0.86,
    };
  }
  const event = allowed[0] ?? 'UNKNOWN';
  return {
    event,
    payload: { summary: 'scripted answer', priority: 'normal' },
    rationale: `${event} is the first allowed event (scripted e2e model).`,
    confidence: 0.6,
  };
}

async function readJson(req: IncomingMessage): Promise<ChatRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as ChatRequest) : {};
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  readJson(req).then(
    (body) => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const answer = JSON.stringify(decide(body));
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify(
            chatCompletion(answer, body.model ?? 'scripted', { prompt_tokens: 212, completion_tokens: 48 }),
          ),
        );
    },
    () => res.writeHead(400).end(),
  );
});

server.listen(port, '127.0.0.1', () => console.log(`fake model server listening on http://127.0.0.1:${port}/v1`));
