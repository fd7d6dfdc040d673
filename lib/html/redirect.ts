import { escapeHtml } from '../text/html';

/**
 * A page left at an old URL: it sends browsers on at once (meta refresh), tells search engines
 * where the page is now (canonical, noindex), and shows the link for anyone it did not move.
 */
export function redirectPage(target: { path: string; url: string }, language = 'ja'): string {
  const href = escapeHtml(target.path);
  return '<!DOCTYPE html>\n' +
    `<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>ページは移動しました</title>` +
    `<meta name="robots" content="noindex"><link rel="canonical" href="${escapeHtml(target.url)}">` +
    // No icon request: the browser would ask the host's root for /favicon.ico while it moves on.
    `<link rel="icon" href="data:,"><meta http-equiv="refresh" content="0; url=${href}"></head>` +
    `<body><p>このページは移動しました: <a href="${href}">${escapeHtml(decodeURI(target.url))}</a></p></body></html>\n`;
}
