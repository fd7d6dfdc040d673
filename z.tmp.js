const { createArticleRenderer } = require('./dist/lib/markdown/render');
const { loadSiteOptions } = require('./dist/lib/config/site');
const { engineOptions, articleSettings } = require('./dist/lib/article/settings');
const { readFrontMatter } = require('./dist/lib/markdown/front-matter');
(async () => {
  const { config, options } = await loadSiteOptions('.');
  const r = createArticleRenderer(config, engineOptions(options), 'source');
  const text = require('fs').readFileSync(process.argv[2], 'utf8');
  const fm = readFrontMatter(text);
  const { html, article } = r.render({ file: 'x.md', frontMatter: fm, settings: articleSettings(fm, options).settings });
  console.log(html.slice(0, +process.argv[3] || 3000));
  if (process.argv[4]) console.log(JSON.stringify(article, (k, v) => v instanceof Map ? [...v] : v, 1).slice(0, 4000));
})();
