import { promises as fs } from 'node:fs';
import path from 'node:path';
import moment from 'moment';
import type Hexo from 'hexo';
import { readGitDates } from '../git/last-updated';
import { guard, sourceOf, type Feature } from './plugin';

/**
 * An article's "updated" date is its last commit, so that a fresh clone (where every file's
 * mtime is the clone time) still shows when the article really changed. Without git history for
 * the file, Hexo's own value stays: front-matter `updated`, else the file's mtime. The file's
 * commit authors become its contributors, shown at its end.
 */
/** What git says of one source file: its last commit date and its authors (undefined: no history). */
export interface GitFacts {
  date?: string;
  authors: string[];
}

const facts = new WeakMap<Hexo, (fullSource: string) => GitFacts | undefined>();

/** The git facts of a source file in this build (undefined before they are read, or without git). */
export function gitFactsOf(hexo: Hexo, fullSource: string): GitFacts | undefined {
  return facts.get(hexo)?.(fullSource);
}

const lastUpdated: Feature = {
  name: 'last-updated',
  register(hexo) {
    // Runs before Hexo's render_post filter (priority 10), which renders the posts.
    hexo.extend.filter.register('before_generate', async () => {
      const git = await readGitDates(hexo.base_dir);
      facts.delete(hexo);
      if (!git) return;
      // git reports its top folder with symlinks resolved; so must we.
      const baseReal = await fs.realpath(hexo.base_dir);
      facts.set(hexo, (fullSource) => {
        const rel = path.relative(git.top, path.join(baseReal, path.relative(hexo.base_dir, fullSource))).split(path.sep).join('/');
        return { date: git.dates.get(rel), authors: git.authors.get(rel) ?? [] };
      });
    }, 1);

    hexo.extend.filter.register('before_post_render', guard('last-updated', (data: { full_source?: string; updated?: unknown; sb_contributors?: string[] }) => {
      const git = data.full_source ? gitFactsOf(hexo, data.full_source) : undefined;
      if (!git) return data;
      if (git.date) data.updated = moment(git.date);
      // Read at build time: the reader's browser never asks GitHub who wrote the article.
      data.sb_contributors = git.authors;
      return data;
    }, sourceOf));
  },
};

export default lastUpdated;
