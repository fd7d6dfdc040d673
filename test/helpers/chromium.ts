/** Debian's Chromium, headless, as the tests drive it (installed by .ci/run; never a downloaded browser). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './site';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The DOM of a page after its scripts ran, as Chromium serialises it. */
export async function dumpDom(url: string, windowSize = '1280,900'): Promise<string> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  try {
    const { code, stdout, stderr } = await run(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, `--window-size=${windowSize}`,
      '--virtual-time-budget=3000', '--dump-dom', url,
    ], os.tmpdir());
    if (code !== 0) throw new Error(`chromium exited with ${code}: ${stderr}`);
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
