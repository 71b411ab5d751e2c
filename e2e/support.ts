import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { e2eEnv } from '../playwright.config';

const run = promisify(execFile);

/** Runs the switchyard CLI against the e2e database and returns its --json output. */
export async function cli<T>(...args: string[]): Promise<T> {
  const { stdout } = await run(
    join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx'),
    ['packages/engine/src/cli/main.ts', ...args, '--json'],
    { env: { ...process.env, ...e2eEnv }, cwd: join(import.meta.dirname, '..') },
  );
  return JSON.parse(stdout.slice(stdout.indexOf('{'))) as T;
}

/** Publishes a spec through the CLI (the same path an operator would use). */
export async function publishSpec(spec: unknown): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sy-e2e-'));
  const file = join(dir, 'spec.json');
  await writeFile(file, JSON.stringify(spec));
  await cli('publish', file, '--message', 'e2e');
}

/** A tiny local HTTP endpoint that answers 500 until `healthy` is flipped on. */
export async function flakyServer(): Promise<{
  url: string;
  setHealthy(v: boolean): void;
  close(): Promise<void>;
}> {
  let healthy = false;
  const server: Server = createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 500, { 'content-type': 'application/json' });
    res.end(JSON.stringify(healthy ? { ok: true } : { error: 'upstream down' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    setHealthy(v) {
      healthy = v;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
