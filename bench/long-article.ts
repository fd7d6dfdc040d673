/**
 * A long article shaped like the real "Azure Backup の概要" (about 23,000 px tall on a phone): a
 * hand-written 目次, a wide table whose last column holds URLs, tables with lists in their cells,
 * admonitions, bare Microsoft Learn links, code and more than 20 white, portal-like screenshots.
 * Deterministic, so audits compare like with like.
 */
import { screenshotPng } from '../test/helpers/png';

const SOLUTIONS = ['Azure VM バックアップ', 'Azure ディスク バックアップ', 'Azure ファイル共有バックアップ', 'Azure BLOB バックアップ',
  'Azure VM 内の SQL Server をバックアップ', 'Azure VM 内の SAP HANA データベースをバックアップ', 'Azure Database for PostgreSQL をバックアップ',
  'Azure Database for MySQL をバックアップ', 'MARS バックアップ', 'DPM / MABS バックアップ', 'Azure Kubernetes Service (AKS) バックアップ'];
const PAGES = ['backup-azure-vms-introduction', 'disk-backup-overview', 'azure-file-share-backup-overview', 'blob-backup-overview',
  'backup-azure-sql-database', 'sap-hana-database-about', 'backup-azure-database-postgresql-overview', 'backup-azure-mysql-flexible-server-about',
  'backup-azure-about-mars', 'backup-azure-dpm-introduction', 'azure-kubernetes-service-backup-overview'];

export interface LongArticle {
  /** The Markdown, with front-matter. */
  markdown: string;
  /** Screenshot files of its asset folder, by file name. */
  images: Record<string, Buffer>;
}

export function longArticle(): LongArticle {
  const learn = (page: string) => `https://learn.microsoft.com/ja-jp/azure/backup/${page}`;
  const images: Record<string, Buffer> = {};
  let shot = 0;
  const screenshot = (form: 'markdown' | 'html'): string => {
    const name = `portal-${String(++shot).padStart(2, '0')}.png`;
    images[name] = screenshotPng(1200, 640 + (shot % 3) * 120, shot);
    return form === 'markdown' ? `![Azure portal の画面 ${shot}](${name})` : `<img src="${name}" width="600px">`;
  };
  const out = ['---', 'title: Azure Backup の概要 (長い記事の計測用)', 'date: 2024-05-07 12:00:00',
    'tags:', '  - Information', '  - Azure Backup General', '---', '', '<!-- more -->',
    '皆様こんにちは。Azure Backup サポートです。  ',
    '今回はお問合せをいただくことが多い、Azure Backup サービスでどんなバックアップ ソリューションを提供しているのか、そしてそれぞれのソリューションで何をバックアップおよび復元できるのかをご紹介いたします。', '',
    '## 目次', '-----------------------------------------------------------', '[1. Azure Backup の概要](#1)  ',
    '   [  1.1 Azure Backup のバックアップ ソリューション一覧表](#1-1)  '];
  SOLUTIONS.forEach((s, i) => out.push(`   [  2.${i + 1} ${s}](#2-${i + 1})  `));
  out.push('[3. よくいただくお問合せ](#3)', '-----------------------------------------------------------', '');
  out.push('## <a id="1"></a> 1. Azure Backup の概要',
    'Azure Backup サービスでは、Microsoft Azure クラウド プラットフォームにデータをバックアップすることができます。  ',
    'オンプレミスや Azure の様々なリソースを簡単にバックアップおよび復元を行うことができ、また一元化された監視と管理を行うためのソリューションを提供します。  ',
    screenshot('html'), '');
  out.push('### <a id="1-1"></a> 1.1 Azure Backup のバックアップ ソリューション一覧表',
    '下記の表では Azure Backup で提供されている各バックアップ ソリューションと、それぞれでバックアップおよび復元できる対象をご紹介します。', '',
    '|  バックアップの種類  |  バックアップ対象  |  復元方法  |  公開ドキュメント  |', '| :---- | :---- | :---- | :---- |');
  SOLUTIONS.forEach((s, i) => out.push(`| ${s} | ${s.replace(/ をバックアップ| バックアップ/, '')} のデータ <br> ※ 完全バックアップ、差分バックアップ、ログ バックアップに対応 | ` +
    '<ul> <li>新しいリソースとして復元</li> <li>既存 (バックアップ元) のリソースを置き換えて復元</li> <li>ファイルとして復元</li> </ul> | ' +
    `${learn(PAGES[i]!)} |`));
  out.push('', '> [!NOTE]', '> 2024年5月現在、Azure Database for MySQL のバックアップ機能はパブリック プレビューです。  ', '> ---',
    '> ・ Azure Backup の更新情報', '> 　 https://azure.microsoft.com/ja-jp/updates/', '');
  out.push('### 1.2 Recovery Services コンテナーとバックアップ コンテナーについて',
    'Azure Backup を利用するためには、利用する Azure Backup の種類によって、**Recovery Services コンテナー**もしくは**バックアップ コンテナー**をまず作成する必要があります。', '',
    '| 項目 | Recovery Services コンテナー | バックアップ コンテナー |', '| :--- | :--- | :--- |',
    '| 対応するデータソース | Azure VM、SQL Server、SAP HANA、ファイル共有、MARS、DPM / MABS | ディスク、BLOB、PostgreSQL、MySQL、AKS |',
    '| ストレージの冗長性 | LRS / ZRS / GRS | LRS / ZRS / GRS |', '| リージョンをまたぐ復元 | 対応 | 一部対応 |', '',
    screenshot('markdown'), screenshot('markdown'), '');
  out.push('```powershell', '$vault = Get-AzRecoveryServicesVault -ResourceGroupName "rg-backup" -Name "vault-japaneast"',
    'Set-AzRecoveryServicesBackupProperty -Vault $vault -BackupStorageRedundancy GeoRedundant -CrossRegionRestore Enable', '```', '');
  out.push('## <a id="2"></a> 2. Azure Backup のバックアップ ソリューションの詳細');
  SOLUTIONS.forEach((s, i) => {
    out.push(`### <a id="2-${i + 1}"></a> 2.${i + 1} ${s}`,
      `${s} では、対象のリソース全体をバックアップすることができます。  `,
      'バックアップの構成や復旧ポイントの管理はコンテナーにて行うことができます。  ',
      'バックアップ対象として Windows OS と Linux OS の両方が対象となり、オンラインでもオフラインでもバックアップを行うことが可能です。  ', '',
      '#### 利用方法', 'Azure portal にてコンテナーを開き、`バックアップ`を選択、  ',
      '次にワークロードで`Azure`、バックアップ対象を選択することでバックアップの設定を開始することができます。  ',
      screenshot(i % 2 ? 'markdown' : 'html'), '');
    if (i % 3 === 0) out.push(screenshot('markdown'), '');
    out.push('#### 参照リンク', 'このバックアップ ソリューションについてさらに詳しく確認したい場合は下記ドキュメントをご参照ください。  ',
      `* ${s}について - Azure Backup | Microsoft Learn  `, learn(PAGES[i]!),
      '* サポート マトリックス - Azure Backup | Microsoft Learn  ', learn('backup-support-matrix'), '');
  });
  out.push('## <a id="3"></a> 3. よくいただくお問合せ');
  for (let q = 1; q <= 6; q++) {
    out.push(`### Q${q}. 「Azure VM Backup」と「Azure ディスク バックアップ」と「ディスクのスナップショット」はどれを利用したらいいですか？ (${q})`,
      '要件によって最適なソリューションは異なります。下記の表を参考にご検討ください。', '',
      '| 観点 | Azure VM Backup | Azure ディスク バックアップ | スナップショット |', '| :--- | :--- | :--- | :--- |',
      '| 整合性 | アプリケーション整合性 | クラッシュ整合性 | クラッシュ整合性 |', '| 頻度 | 1 日 1 回〜 | 1 時間ごと | 手動 |',
      '| 保持期間 | 最長 99 年 | 最長 450 日 | 無期限 |', '', '> [!TIP]', '> 複数の方法を組み合わせることもできます。', '');
  }
  return { markdown: `${out.join('\n')}\n`, images };
}
