/**
 * `node dist/lib/cli/hexo.js generate|server [--cwd DIR] [--config a.yml,b.yml] [--force]
 * [--root /path/] [--url https://…] [--preview N --preview-link URL] [--port N] [--verbose]`
 * The build runner behind `npm run build` and `npm start`.
 */
import path from 'node:path';
import { parseBuildArgs } from '../build/args';
import { watchHeapGrowth } from '../build/heap';
import { ConfigError } from '../config/section';
import { loadSiteConfig, normalizeSiteOptions } from '../config/site';
import { generateSite, serveSite } from '../hexo/build';
import { BuildFailed, describeError } from '../hexo/session';
import { exitQuietlyOnClosedOutput, failIfAbandoned } from './main';
import { quietOutput } from './quiet';

async function main(): Promise<void> {
  watchHeapGrowth();
  // icarus renders with Inferno, whose development mode only adds checks and time.
  process.env.NODE_ENV ??= 'production';
  const args = parseBuildArgs(process.argv.slice(2));
  if (!args.verbose) quietOutput(process.stdout);
  // Hexo files posts by the process's local calendar day: the build runs in the site's timezone.
  const { timezone } = normalizeSiteOptions(await loadSiteConfig(args.cwd, args.config));
  if (timezone) {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    process.env.TZ = timezone;
  }
  if (args.command === 'server') return serveSite(args.cwd, args);
  const { publicDir, timings, unchanged, pages, searchParts, renders, cssReused } = await generateSite(args.cwd, args);
  const where = `${path.relative(process.cwd(), publicDir) || '.'}/`;
  if (unchanged) {
    console.log(`前回のビルドから変更がないため、${where} をそのまま使います (作り直すには --force)。`);
    return;
  }
  const took = Object.entries(timings).map(([name, seconds]) => `${name} ${seconds.toFixed(2)} s`).join(', ');
  const kept = [[pages, 'pages'], [renders, 'articles rendered'], [searchParts, 'search index parts']] as const;
  const listed = [...kept.flatMap(([n, what]) => (n?.reused ? [`${n.reused} of ${n.total} ${what}`] : [])), ...(cssReused ? ['the purged stylesheet'] : [])];
  const reused = listed.length ? `; ${listed.join(', ')} taken from the last build` : '';
  console.log(`site written to ${where} (${took}${reused}; peak memory of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
}

if (require.main === module) {
  exitQuietlyOnClosedOutput();
  const work = main();
  failIfAbandoned(work, 1);
  work.catch((err: unknown) => {
    if (err instanceof BuildFailed) console.error(err.message);
    else if (err instanceof ConfigError) console.error(`設定: ${err.message}`);
    else console.error(process.argv.includes('--verbose') && err instanceof Error ? err.stack : describeError(err));
    process.exitCode = 1;
  });
}
