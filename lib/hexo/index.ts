/**
 * Entry point loaded by scripts/support-blog.js: registers every feature with Hexo.
 * This folder (lib/hexo) is the only one that touches Hexo; the logic lives in pure modules.
 */
import type Hexo from 'hexo';
import { markLoaded, PluginError, type Feature } from './plugin';
import vendor from './vendor';
import theme from './theme';
import stylesheet from './stylesheet';
import articles from './articles';
import postHtml from './post-html';
import gate from './gate';
import lastUpdated from './last-updated';
import articleFooter from './article-footer';
import reader from './reader';
import deterministic from './deterministic';
import widgetCache from './widget-cache';
import redirects from './redirects';
import preview from './preview';
import notFound from './not-found';
import listings from './listings';
import search from './search';
import reuse from './reuse';
import renderCache from './render-cache';

const FEATURES: Feature[] = [deterministic, reader, vendor, theme, stylesheet, articles, postHtml, gate, lastUpdated, articleFooter, widgetCache, redirects, listings, notFound, search, preview, reuse, renderCache];

/** Registers all features; a feature that throws stops the load with its name attached. */
export function register(hexo: Hexo): void {
  for (const feature of FEATURES) {
    try {
      feature.register(hexo);
    } catch (err) {
      throw new PluginError(feature.name, undefined, err);
    }
  }
  markLoaded(hexo, FEATURES.map((f) => f.name));
}
