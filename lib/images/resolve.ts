import { posix } from 'node:path';
import { safeDecodeURI } from '../text/uri';
import { movedPath } from '../links/resolve';

/** What resolving an image source needs to know about the article it appears in. */
export interface ImageContext {
  /** Site root, e.g. `/blog/`. */
  root: string;
  /** The root root-relative paths in articles are written against, when the build moved the site. */
  authoredRoot?: string;
  /** Folder of the Markdown file relative to the source folder, e.g. `_posts/AzureBackupGeneral`. */
  sourceDir: string;
  /** The post's asset folder relative to the source folder (`_posts/Area/Name`), if it has one. */
  assetDir?: string;
  /** The post's route below the root (`Area/Name/`), where Hexo serves its asset folder. */
  assetRoute?: string;
  /** Route (without root) of a post asset, given its path relative to the source folder. */
  findAsset(sourcePath: string): string | undefined;
}

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/**
 * Turns an image `src` as an author wrote it into a URL that works on the article page and in
 * excerpts on the index: relative to the Markdown file (as GitHub's preview reads it) or to the
 * asset folder (Hexo's convention), root-relative with or without the site root.
 */
export function resolveImageSrc(src: string, ctx: ImageContext): string {
  const trimmed = src.trim();
  if (!trimmed || ABSOLUTE.test(trimmed)) return src;
  const [, pathPart = '', suffix = ''] = /^([^?#]*)(.*)$/s.exec(trimmed) ?? [];
  const decoded = safeDecodeURI(pathPart).replace(/\\/g, '/');
  if (decoded.startsWith('/')) {
    const moved = ctx.authoredRoot ? movedPath(decoded, ctx.authoredRoot, ctx.root) : undefined;
    if (moved) return encodePath(moved) + suffix;
    return decoded.startsWith(ctx.root) ? encodePath(decoded) + suffix : encodePath(ctx.root + decoded.slice(1)) + suffix;
  }
  const candidates = [posix.join(ctx.sourceDir, decoded)];
  if (ctx.assetDir) candidates.push(posix.join(ctx.assetDir, decoded));
  for (const candidate of candidates) {
    const route = ctx.findAsset(candidate);
    if (route !== undefined) return encodePath(ctx.root + route.replace(/^\/+/, '')) + suffix;
  }
  // Not a known asset (a missing file, reported by the checker): where it would be served.
  const inAssets = ctx.assetDir && ctx.assetRoute !== undefined && candidates[0]!.startsWith(`${ctx.assetDir}/`);
  const sitePath = inAssets ? ctx.assetRoute + candidates[0]!.slice(ctx.assetDir!.length + 1) : candidates[0]!.replace(/^_posts\//, '').replace(/^(\.\.\/)+/, '');
  return encodePath(ctx.root + sitePath) + suffix;
}


function encodePath(p: string): string {
  return encodeURI(p).replace(/%25([0-9a-f]{2})/gi, '%$1');
}
