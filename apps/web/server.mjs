// Serves the built console like `next start` does, plus one thing `next start` cannot: it tells the app which
// address each request really came from. Next fills X-Forwarded-For with the peer address only when the client
// sent none, so a client can always pick its own; the sign-in throttle needs the connection's address.
// Usage: node server.mjs  (PORT, default 3000; HOST, default 0.0.0.0)
import { createServer } from 'node:http';
import next from 'next';

const PEER_HEADER = 'x-switchyard-peer';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// The app believes PEER_HEADER only when this flag is set in its process (see src/server/client-address.ts).
globalThis.__switchyardPeerHeader = PEER_HEADER;

const app = next({ dev: false, dir: import.meta.dirname, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  // Overwrite whatever the client sent under this name.
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  void handle(req, res);
}).listen(port, host, () => {
  console.log(`switchyard console listening on http://${host}:${port}`);
});
