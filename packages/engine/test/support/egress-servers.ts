import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface LocalServer {
  port: number;
  url(path: string): string;
  /** Requests received, newest last (path and headers). */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 on a free port, answering with `route(path)`. */
export async function startLocalServer(
  route: (req: IncomingMessage, res: ServerResponse, server: LocalServer) => void,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  // eslint-disable-next-line prefer-const -- assigned once the port is known, used by requests afterwards
  let self: LocalServer;
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '/', headers: req.headers });
    route(req, res, self);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  self = {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}
