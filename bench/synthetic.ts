/** Deterministic synthetic Japanese support articles for benchmarks (15–25 KB, headings, tables, admonitions, links). */

/** A small seeded PRNG (mulberry32), so every run writes the same articles. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['バックアップ', '復元', 'コンテナー', 'ポリシー', '仮想マシン', 'ディスク', 'スナップショット', 'エージェント', '保持期間', '復旧ポイント',
  'ストレージ', 'ネットワーク', '設定', '確認', '手順', '対象', '構成', '管理', '監視', 'アラート'];
const PAGES = ['backup-overview', 'backup-architecture', 'backup-azure-vms-introduction', 'backup-support-matrix', 'backup-azure-arm-restore-vms',
  'disk-backup-overview', 'blob-backup-overview', 'backup-azure-sql-database', 'sap-hana-database-about', 'backup-azure-about-mars'];

function sentence(rand: () => number): string {
  const n = 6 + Math.floor(rand() * 8);
  return Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join('の') + 'について説明します。';
}

/** One article of about 15–25 KB; `linkFor` decides the URL of each of its 20 links. */
export function syntheticArticle(index: number, linkFor: (i: number, rand: () => number) => string = (i, rand) =>
  `https://learn.microsoft.com/ja-jp/azure/backup/${PAGES[Math.floor(rand() * PAGES.length)]}?tabs=t${i % 3}`): string {
  const rand = random(index + 1);
  const out = ['---', `title: 合成記事 ${index} ${WORDS[index % WORDS.length]}の${WORDS[(index * 7) % WORDS.length]}`,
    `date: 2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')} 10:00:00`,
    'tags:', `  - ${['Information', 'how to', 'Azure VM Backup'][index % 3]}`, '---', sentence(rand), '', '<!-- more -->', ''];
  let links = 0;
  const target = 15_000 + rand() * 10_000;
  for (let h = 1; Buffer.byteLength(out.join('\n')) < target; h++) {
    out.push(`## <a id="${h}"></a> ${h}. ${WORDS[h % WORDS.length]}の概要`, sentence(rand), sentence(rand), '');
    out.push(`### ${h}.1 ${WORDS[(h + 3) % WORDS.length]}の手順`, sentence(rand), '');
    out.push('| 項目 | 説明 | 参照 |', '| :---- | :---- | :---- |');
    for (let r = 0; r < 4; r++) {
      const link = links < 20 ? `[ドキュメント](${linkFor(links++, rand)})` : '-';
      out.push(`| ${WORDS[(h + r) % WORDS.length]} | <ul><li>${sentence(rand)}</li></ul> | ${link} |`);
    }
    out.push('', '> [!TIP]', `> ${sentence(rand)}`, '> ---', `> ・ 公開ドキュメント`, `> 　 ${links < 20 ? linkFor(links++, rand) : 'https://learn.microsoft.com/ja-jp/azure/backup/'}`, '');
    out.push(`詳しくは [${h}. の概要](#${h}) をご覧ください。`, '');
  }
  return `${out.join('\n')}\n`;
}
