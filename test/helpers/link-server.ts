/**
 * A local HTTP server on 127.0.0.1 that answers like the web does on a bad day: redirects, loops,
 * 404/410, 429 with Retry-After, 500/503, HEAD refused, hung and reset connections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LinkServer {
  origin: string;
  /** Requests per path, as `METHOD /path`. */
  requests: Map<string, number>;
  /** Most requests to /slow/* in flight at once. */
  maxConcurrent: () => number;
  /** Bytes of body sent for /endless, which never ends by itself. */
  endlessBytes: () => number;
  close(): Promise<void>;
}

export async function startLinkServer(): Promise<LinkServer> {
  const requests = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let endless = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${req.method} ${url.pathname}`;
    const count = (requests.get(key) ?? 0) + 1;
    requests.set(key, count);
    const total = [...requests].filter(([k]) => k.endsWith(` ${url.pathname}`)).reduce((n, [, c]) => n + c, 0);
    const send = (status: number, headers: Record<string, string> = {}, body = '') => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const p = url.pathname;
    if (p === '/ok' || /^\/page\/\d+$/.test(p)) return send(200, {}, '<html><body>ok</body></html>');
    if (p === '/doc') return send(200, {}, '<h2 id="install">Install</h2><a name="legacy"></a><h2 id="設定">設定</h2>');
    if (p === '/moved') return send(301, { location: '/ok' });
    if (p === '/temporary') return send(302, { location: '/ok' });
    if (p === '/moved-twice') return send(308, { location: '/moved' });
    if (p === '/loop-a') return send(301, { location: '/loop-b' });
    if (p === '/loop-b') return send(301, { location: '/loop-a' });
    if (p === '/not-found') return send(404);
    if (p === '/gone') return send(410);
    if (p === '/busy-once') return total === 1 ? send(429, { 'retry-after': '1' }) : send(200);
    if (p === '/busy') return send(429, { 'retry-after': '0' });
    // HTTP dates have whole seconds, so "1 s ahead" can be a few ms ahead: the capped case asks for a minute.
    if (p.startsWith('/busy-date')) {
      const ahead = p.endsWith('/capped') ? 60_000 : 1000;
      return total === 1 ? send(503, { 'retry-after': new Date(Date.now() + ahead).toUTCString() }) : send(200);
    }
    if (p === '/error') return send(500);
    if (p === '/unavailable') return send(503);
    if (p === '/no-head') return req.method === 'HEAD' ? send(405) : send(200, {}, 'ok');
    if (p === '/hang') return; // never answers
    if (p === '/reset') {
      req.socket.destroy();
      return;
    }
    if (p === '/bad-redirect') return send(301, { location: 'http://[::1' });
    if (p === '/endless') {
      // A page that never ends and never has the id: 64 KB chunks until the client stops reading.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const chunk = Buffer.alloc(64 * 1024, '<p>x</p>');
      const more = () => {
        while (!res.destroyed && endless < 1024 * 1024 * 1024) {
          endless += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
      };
      res.on('close', () => undefined);
      more();
      return;
    }
    if (p.startsWith('/slow/')) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        send(200);
      }, 100);
      return;
    }
    send(404);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    maxConcurrent: () => maxInFlight,
    endlessBytes: () => endless,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
