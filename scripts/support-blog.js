/* global hexo */
// Loader for our TypeScript plugins (lib/, compiled to dist/ by `npm run build:ts`).
// Hexo runs every file here as plain JavaScript; the build runner fails the build if this throws.
require('../dist/lib/hexo/index.js').register(hexo);
