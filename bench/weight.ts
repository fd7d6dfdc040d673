/**
 * `npm run weight -- [route]`: what a reader downloads for one page of the built site (public/,
 * from `npm run build`), by kind, uncompressed and gzipped, and any request that leaves the site.
 * Target for the sample article: under 300 KB before images, nothing from outside.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveSite } from '../test/helpers/static-server';
import { launchBrowser } from '../test/helpers/browser';

async function main(): Promise<void> {
  const route = process.argv[2] ?? '/blog/AzureVMBackup/Restore_Overview/';
  const server = await serveSite(path.resolve('public'));
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const rows: { kind: string; url: string; bytes: number; gzip: number }[] = [];
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  page.on('response', async (r) => {
    if (!r.url().startsWith(server.origin)) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    const type = r.request().resourceType();
    const kind = type === 'document' ? 'HTML' : type === 'stylesheet' ? 'CSS' : type === 'script' ? 'JS' : type === 'font' ? 'fonts' : type === 'image' ? 'images' : 'other';
    rows.push({ kind, url: r.url().slice(server.origin.length), bytes: body.length, gzip: gzipSync(body).length });
  });
  await page.goto(server.origin + route, { waitUntil: 'networkidle' });
  await browser.close();
  await server.close();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const row of rows.sort((a, b) => b.bytes - a.bytes)) console.log(`${row.kind.padEnd(6)} ${kb(row.bytes).padStart(10)} ${kb(row.gzip).padStart(10)}  ${row.url}`);
  const total = (filter: (r: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((s, r) => [s[0]! + r.bytes, s[1]! + r.gzip], [0, 0]);
  for (const kind of ['HTML', 'CSS', 'JS', 'fonts', 'images', 'other']) {
    const [raw, gz] = total((r) => r.kind === kind);
    console.log(`${kind}: ${kb(raw!)} (gzip ${kb(gz!)})`);
  }
  const [raw, gz] = total((r) => r.kind !== 'images');
  console.log(`${rows.length} requests; before images: ${kb(raw!)} (gzip ${kb(gz!)}); target < 300 KB: ${raw! < 300 * 1024 ? 'met' : 'NOT met'} uncompressed, ${gz! < 300 * 1024 ? 'met' : 'NOT met'} gzipped`);
  console.log(`requests outside the site: ${outside.length ? outside.join(', ') : 'none'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
