import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatLocalDate, newPost, postNameFor, yamlScalar } from '../../lib/scaffold/new-post';

const scaffold = '---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n{{ tags }}\n---\n';
// 2024-05-06 18:07:08 UTC is 2024-05-07 03:07:08 in Tokyo.
const now = new Date(Date.UTC(2024, 4, 6, 18, 7, 8));

describe('new post scaffold', () => {
  it('formats dates zero-padded in the site time zone', () => {
    assert.equal(formatLocalDate(now, 'Asia/Tokyo'), '2024-05-07 03:07:08');
    assert.equal(formatLocalDate(now, 'UTC'), '2024-05-06 18:07:08');
  });

  it('derives a URL-safe name from the title', () => {
    assert.equal(postNameFor('Azure Backup の概要', now, 'Asia/Tokyo'), 'Azure_Backup');
    assert.equal(postNameFor('バックアップの概要', now, 'Asia/Tokyo'), 'post_20240507_030708');
  });

  it('quotes YAML scalars only when needed', () => {
    assert.equal(yamlScalar('Azure Backup の概要'), 'Azure Backup の概要');
    assert.equal(yamlScalar('手順: 準備'), '"手順: 準備"');
    assert.equal(yamlScalar('- 箇条書き風'), '"- 箇条書き風"');
    assert.equal(yamlScalar('2024'), '"2024"');
    assert.equal(yamlScalar('"引用"'), '"\\"引用\\""');
  });

  it('writes the article under source/_posts/<Area>/<Name>.md', () => {
    const post = newPost({ title: 'Azure Backup の概要', area: 'AzureBackupGeneral', tags: ['how to', 'Azure Backup'], now, timeZone: 'Asia/Tokyo', scaffold });
    assert.equal(post.file, 'source/_posts/AzureBackupGeneral/Azure_Backup.md');
    assert.equal(post.assetDir, 'source/_posts/AzureBackupGeneral/Azure_Backup');
    assert.equal(post.content, '---\ntitle: Azure Backup の概要\ndate: 2024-05-07 03:07:08\ntags:\n  - how to\n  - Azure Backup\n---\n');
  });

  it('rejects areas and names that do not fit in a URL', () => {
    const base = { title: 't', tags: [], now, timeZone: 'Asia/Tokyo', scaffold };
    assert.throws(() => newPost({ ...base, area: '../etc' }), /--area "..\/etc" は URL に使えません/);
    assert.throws(() => newPost({ ...base, area: 'A', name: 'バックアップ' }), /--name "バックアップ" は URL に使えません/);
    assert.throws(() => newPost({ ...base, area: 'A', title: ' ' }), /タイトルを 1 行で指定してください/);
  });
});
