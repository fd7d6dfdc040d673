/** playwright-core driving Debian's Chromium (never a downloaded browser), with a closed network. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Failed requests and console errors of a page, collected from the moment it is created. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** Called with the page before it loads, to watch its requests. */
  watch?: (page: Page) => void;
}

/**
 * Opens a URL in a fresh browser context (1280 × 900 unless told); the page's failed requests and
 * errors are added to `problems`, each after `label`, when the page closes.
 */
export async function openPage(browser: Browser, url: string, problems: string[], label: string, options: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, colorScheme: options.colorScheme ?? 'light', deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const seen = watchProblems(page);
  options.watch?.(page);
  page.on('close', () => problems.push(...seen.map((p) => `${label}: ${p}`)));
  await page.goto(url);
  return page;
}
