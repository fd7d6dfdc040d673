import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dueForReview, formatReview, monthsBefore, type ReviewItem } from '../../lib/check/review';

const item = (file: string, updated: string, extra: Partial<ReviewItem> = {}): ReviewItem => ({ file, title: `${file} の記事`, updated, from: 'git', marked: false, ...extra });

describe('periodic review', () => {
  it('counts calendar months, keeping the end of a shorter month in it', () => {
    assert.equal(monthsBefore(new Date('2026-12-02T00:00:00Z'), 12).toISOString(), '2025-12-02T00:00:00.000Z');
    assert.equal(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString(), '2026-02-28T12:00:00.000Z');
    assert.equal(monthsBefore(new Date('2024-03-31T00:00:00Z'), 1).toISOString(), '2024-02-29T00:00:00.000Z');
  });

  it('lists the articles updated before the cut-off, oldest first', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    const due = dueForReview([
      item('b.md', '2025-01-01T00:00:00+09:00'), item('a.md', '2024-05-01T00:00:00Z'), item('c.md', '2025-12-02T00:00:01Z'), item('d.md', '2025-12-01T23:59:59Z'),
    ], now, 12);
    assert.deepEqual(due.map((i) => i.file), ['a.md', 'b.md', 'd.md']);
  });

  it('formats one line per article, saying where the date came from and whether it is marked', () => {
    assert.equal(formatReview([item('a.md', '2024-05-01T00:00:00Z', { marked: true }), item('b.md', '2024-06-01T00:00:00Z', { from: 'front-matter' })], 12, 5),
      '最終更新から 12 か月以上たった記事: 2 件 (5 件中)\na.md  2024-05-01  a.md の記事  [outdated 表示済み]\nb.md  2024-06-01 (フロントマター)  b.md の記事');
  });
});
