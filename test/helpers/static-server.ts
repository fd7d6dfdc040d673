/** Serves a built site's public/ folder under its root (/blog/) on 127.0.0.1, as GitHub Pages would (gzip, 10-minute cache). */
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import { createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.xml': 'application/xml',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveSite(publicDir: string, root = '/blog/'): Promise<StaticServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    rel = rel.slice(root.length);
    let file = path.join(publicDir, rel);
    if (!file.startsWith(publicDir)) {
      res.writeHead(403).end();
      return;
    }
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isDirectory()) file = path.join(file, 'index.html');
    if (!(await fs.stat(file).catch(() => undefined))?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Compress text as GitHub Pages does, so measurements see what readers download.
    const gzip = /text|javascript|json|svg|xml/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=600', ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}) });
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
