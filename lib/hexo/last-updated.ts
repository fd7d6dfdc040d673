import { promises as fs } from 'node:fs';
import path from 'node:path';
import moment from 'moment';
import { readGitDates, type GitDates } from '../git/last-updated';
import { guard, sourceOf, type Feature } from './plugin';

/**
 * An article's "updated" date is its last commit, so that a fresh clone (where every file's
 * mtime is the clone time) still shows when the article really changed. Without git history for
 * the file, Hexo's own value stays: front-matter `updated`, else the file's mtime. The file's
 * commit authors become its contributors, shown at its end.
 */
const lastUpdated: Feature = {
  name: 'last-updated',
  register(hexo) {
    let git: GitDates | undefined;
    let baseReal = hexo.base_dir;
    // Runs before Hexo's render_post filter (priority 10), which renders the posts.
    hexo.extend.filter.register('before_generate', async () => {
      git = await readGitDates(hexo.base_dir);
      // git reports its top folder with symlinks resolved; so must we.
      baseReal = await fs.realpath(hexo.base_dir);
    }, 1);

    hexo.extend.filter.register('before_post_render', guard('last-updated', (data: { full_source?: string; updated?: unknown; sb_contributors?: string[] }) => {
      if (!git || !data.full_source) return data;
      const file = path.join(baseReal, path.relative(hexo.base_dir, data.full_source));
      const rel = path.relative(git.top, file).split(path.sep).join('/');
      const date = git.dates.get(rel);
      if (date) data.updated = moment(date);
      // Read at build time: the reader's browser never asks GitHub who wrote the article.
      data.sb_contributors = git.authors.get(rel) ?? [];
      return data;
    }, sourceOf));
  },
};

export default lastUpdated;
