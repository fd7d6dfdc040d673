/**
 * Compiles stylesheets off the build's main thread (lib/hexo/stylesheet.ts). Each job names
 * hexo-renderer-stylus's renderer module and carries what it reads of Hexo: the site's `stylus`
 * settings, the theme's settings (for `hexo-config()`) and the variables our filter defines.
 */
import { parentPort } from 'node:worker_threads';
import path from 'node:path';

export interface StylusJob {
  id: number;
  /** hexo-renderer-stylus's lib/renderer.js. */
  renderer: string;
  path: string;
  text: string;
  siteStylus: unknown;
  themeConfig: unknown;
  /** Stylus variables defined before the file is read, as literals. */
  variables: [string, string][];
}

export type StylusReply = { id: number; css: string } | { id: number; error: string };

type RendererFn = (this: object, data: { path: string; text: string }, options: object, done: (err: unknown, css?: string) => void) => void;
interface Style { define(name: string, node: unknown): Style }

/** Runs the renderer as Hexo would, with our `stylus:renderer` filter as the only one. */
export function compileStylus(job: StylusJob): Promise<string> {
  const render = require(job.renderer) as RendererFn;
  const { nodes } = require(require.resolve('stylus', { paths: [path.dirname(job.renderer)] })) as { nodes: { Literal: new (s: string) => unknown } };
  const context = {
    config: { stylus: job.siteStylus },
    theme: { config: job.themeConfig },
    execFilterSync(_name: string, style: Style) {
      for (const [name, value] of job.variables) style.define(name, new nodes.Literal(value));
      return style;
    },
  };
  return new Promise((resolve, reject) => {
    render.call(context, { path: job.path, text: job.text }, {}, (err, css) => (err ? reject(err) : resolve(css ?? '')));
  });
}

parentPort?.on('message', (job: StylusJob) => {
  compileStylus(job).then(
    (css) => parentPort!.postMessage({ id: job.id, css } satisfies StylusReply),
    (err: unknown) => parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies StylusReply),
  );
});
