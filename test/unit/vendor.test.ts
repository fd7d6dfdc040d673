import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { libraryFile, vendorFiles } from '../../lib/vendor/manifest';

describe('vendor manifest', () => {
  it('maps the files icarus asks for to installed packages', () => {
    assert.deepEqual(libraryFile('jquery', 'dist/jquery.min.js'), { route: 'vendor/jquery/jquery.min.js', module: 'jquery/dist/jquery.min.js' });
    assert.deepEqual(libraryFile('highlight.js', 'styles/atom-one-light.css'),
      { route: 'vendor/highlight.js/styles/atom-one-light.css', module: 'highlight.js/styles/atom-one-light.css' });
    assert.equal(libraryFile('moment', 'min/moment-with-locales.min.js')?.route, 'vendor/moment/moment.js');
  });

  it('refuses files it does not serve', () => {
    assert.equal(libraryFile('lightgallery', 'dist/js/lightgallery.min.js'), undefined);
    assert.equal(libraryFile('jquery', 'dist/../../etc/passwd.js'), undefined);
    assert.equal(libraryFile('highlight.js', 'styles/x.css; rm'), undefined);
  });

  it('lists only files that are installed', () => {
    for (const file of vendorFiles('atom-one-dark')) {
      if (file.module) assert.ok(existsSync(require.resolve(file.module)), file.module);
      else assert.ok(file.content);
    }
    assert.ok(!vendorFiles(null).some((f) => f.route.includes('highlight.js')));
  });
});
