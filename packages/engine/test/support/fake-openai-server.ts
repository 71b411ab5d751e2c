// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat completions API with scripted replies, so the
// real AI SDK provider client is exercised over the network, end to end, without a model.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletion } from './chat-completion';

export type ScriptedReply =
  /** A 200 completion whose message content is this text (valid or not). */
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** A 200 completion whose content is this object as JSON. */
  | { decision: { event: string; payload?: Record<string, unknown>; rationale?: string; confidence?: number } }
  /** An HTTP error answer. */
  | { status: number; body?: unknown }
  /** Answers only after `delayMs` (to provoke the caller's timeout). */
  | { delayMs: number; then: ScriptedReply };

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: {
    model?: string;
    messages?: { role: string; content: unknown }[];
    response_format?: unknown;
    temperature?: number;
    max_tokens?: number;
  };
}

export interface FakeOpenAiServer {
  /** Give this to the provider as its base URL (ends in /v1). */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replies, in order, to requests whose messages contain `marker`; the last one repeats once the rest are used. */
  script(marker: string, replies: ScriptedReply[]): void;
  /** Requests whose messages contain `marker`. */
  requestsFor(marker: string): RecordedRequest[];
  close(): Promise<void>;
}

function messageText(body: RecordedRequest['body']): string {
  return (body.messages ?? [])
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
}

async function readJson(req: IncomingMessage): Promise<RecordedRequest['body']> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as RecordedRequest['body']) : {};
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const scripts = new Map<string, ScriptedReply[]>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, reply: ScriptedReply, model: string): void => {
    if ('delayMs' in reply) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, reply.then, model);
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    if ('status' in reply) {
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(reply.body ?? { error: { message: `scripted ${reply.status}`, type: 'server_error' } }));
      return;
    }
    const content =
      'decision' in reply
        ? JSON.stringify({ payload: {}, rationale: 'scripted', confidence: 0.9, ...reply.decision })
        : reply.content;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(chatCompletion(content, model, 'usage' in reply ? reply.usage : undefined)));
  };

  const server = createServer((req, res) => {
    readJson(req).then(
      (body) => {
        requests.push({ path: req.url ?? '', headers: req.headers, body });
        if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
          return;
        }
        const text = messageText(body);
        const marker = [...scripts.keys()].find((m) => text.includes(m));
        const queue = marker ? scripts.get(marker) : undefined;
        const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
        if (!reply) {
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: 'the fake server has no scripted reply for this request' } }));
          return;
        }
        send(res, reply, body.model ?? 'fake-model');
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(marker, replies) {
      scripts.set(marker, [...replies]);
    },
    requestsFor(marker) {
      return requests.filter((r) => messageText(r.body).includes(marker));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
