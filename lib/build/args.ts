/** The build runner's command line: `generate|server [options]`, with environment fallbacks. */
import path from 'node:path';

export interface BuildArgs {
  command: 'generate' | 'server';
  cwd: string;
  port?: number;
  /** Configuration files, later ones overriding earlier ones (Hexo's `--config`). */
  config: string[];
  force: boolean;
  verbose: boolean;
  /** Build for another place: `--root /blog/pr-preview/pr-12/` and `--url https://…`. */
  root?: string;
  url?: string;
  /** A pull request preview: its number and the pull request's page. */
  preview?: { number: number; link?: string };
}

/** Environment variables that stand for options, for workflows that cannot change the command. */
export const ENV_OPTIONS = {
  root: 'SUPPORT_BLOG_ROOT',
  url: 'SUPPORT_BLOG_URL',
  preview: 'SUPPORT_BLOG_PREVIEW',
  previewLink: 'SUPPORT_BLOG_PREVIEW_LINK',
} as const;

function value(argv: string[], i: number, name: string): string {
  const v = argv[i];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} に値を指定してください。`);
  return v;
}

/** Parses the runner's arguments; throws with a Japanese message on anything it does not know. */
export function parseBuildArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BuildArgs {
  const [command = 'generate', ...rest] = argv;
  if (command !== 'generate' && command !== 'server') throw new Error(`不明なコマンドです: ${command} (generate か server)`);
  const args: BuildArgs = { command, cwd: process.cwd(), config: [], force: false, verbose: false };
  let config: string | undefined;
  let preview = env[ENV_OPTIONS.preview] || undefined;
  let previewLink = env[ENV_OPTIONS.previewLink] || undefined;
  let root = env[ENV_OPTIONS.root] || undefined;
  let url = env[ENV_OPTIONS.url] || undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--cwd') args.cwd = path.resolve(value(rest, ++i, a));
    else if (a === '--port' || a === '-p') args.port = Number(value(rest, ++i, a));
    else if (a === '--config') config = value(rest, ++i, a);
    else if (a === '--force' || a === '-f') args.force = true;
    else if (a === '--verbose') args.verbose = true;
    else if (a === '--root') root = value(rest, ++i, a);
    else if (a === '--url') url = value(rest, ++i, a);
    else if (a === '--preview') preview = value(rest, ++i, a);
    else if (a === '--preview-link') previewLink = value(rest, ++i, a);
    else throw new Error(`不明なオプションです: ${a}`);
  }
  args.config = (config ?? '_config.yml').split(',').map((f) => f.trim()).filter(Boolean);
  if (args.port !== undefined && !(Number.isInteger(args.port) && args.port > 0 && args.port < 65536)) throw new Error(`--port は 1〜65535 の整数です: ${args.port}`);
  if (root !== undefined) {
    if (!/^\/[^\s?#]*$/.test(root)) throw new Error(`--root は / で始まるパスです (例: /blog/pr-preview/pr-12/): ${root}`);
    args.root = root.replace(/\/?$/, '/');
  }
  if (url !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw new Error(`--url は http(s):// で始まる URL です: ${url}`);
    args.url = url;
  }
  if (preview !== undefined) {
    const number = Number(preview);
    if (!Number.isInteger(number) || number < 1) throw new Error(`--preview は pull request の番号です: ${preview}`);
    args.preview = { number, ...(previewLink ? { link: previewLink } : {}) };
  }
  return args;
}

/**
 * The settings the command line overrides, as a configuration file's text: Hexo merges it after the
 * site's own files, so every plugin reads the same root and URL from the start.
 */
export function overrideConfig(args: Pick<BuildArgs, 'root' | 'url' | 'preview'> & { authored?: { root: string; url: string } }): string | undefined {
  const lines: string[] = [];
  if (args.root) lines.push(`root: ${JSON.stringify(args.root)}`);
  // Links in articles stay written for the site's own place; the build moves them (see SiteOptions).
  if (args.authored) lines.push('build:', `  authored_root: ${JSON.stringify(args.authored.root)}`, `  authored_url: ${JSON.stringify(args.authored.url)}`);
  if (args.url) lines.push(`url: ${JSON.stringify(args.url.replace(/\/?$/, '/'))}`);
  if (args.preview) {
    lines.push('preview:', `  number: ${args.preview.number}`);
    if (args.preview.link) lines.push(`  link: ${JSON.stringify(args.preview.link)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}
