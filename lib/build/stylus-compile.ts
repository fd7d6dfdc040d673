/**
 * Compiling a stylesheet as hexo-renderer-stylus does inside Hexo, for the worker thread of
 * lib/hexo/stylesheet.ts (lib/build/stylus-worker.ts). Each job names the renderer module and
 * carries what it reads of Hexo: the site's `stylus` settings, the theme's settings (for
 * `hexo-config()`) and the variables our filter defines.
 */
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
export interface Style { define(name: string, node: unknown): Style }
type Stylus = { nodes: { Literal: new (s: string) => unknown } };

/** Defines the variables as literals, with the stylus module the renderer compiles with. */
export function defineLiterals(style: Style, stylus: Stylus, variables: [string, string][]): Style {
  for (const [name, value] of variables) style.define(name, new stylus.nodes.Literal(value));
  return style;
}

/** Runs the renderer as Hexo would, with our `stylus:renderer` filter as the only one. */
export function compileStylus(job: StylusJob): Promise<string> {
  const render = require(job.renderer) as RendererFn;
  const stylus = require(require.resolve('stylus', { paths: [path.dirname(job.renderer)] })) as Stylus;
  const context = {
    config: { stylus: job.siteStylus },
    theme: { config: job.themeConfig },
    execFilterSync: (_name: string, style: Style) => defineLiterals(style, stylus, job.variables),
  };
  return new Promise((resolve, reject) => {
    render.call(context, { path: job.path, text: job.text }, {}, (err, css) => (err ? reject(err) : resolve(css ?? '')));
  });
}
