import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveImageSrc, type ImageContext } from '../../lib/images/resolve';

const ASSETS: Record<string, string> = {
  '_posts/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png': 'AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png',
  '_posts/AzureBackupGeneral/Backup_Overview/図 1.png': 'AzureBackupGeneral/Backup_Overview/図 1.png',
  '_posts/AzureBackupGeneral/Backup_Overview/sub/a.png': 'AzureBackupGeneral/Backup_Overview/sub/a.png',
};
const post: ImageContext = {
  root: '/blog/',
  sourceDir: '_posts/AzureBackupGeneral',
  assetDir: '_posts/AzureBackupGeneral/Backup_Overview',
  findAsset: (p) => ASSETS[p],
};

describe('resolveImageSrc', () => {
  const cases: { src: string; expected: string; ctx?: ImageContext }[] = [
    { src: './Backup_Overview/Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: 'Backup_Overview/Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: 'Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: './Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: 'sub/a.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/sub/a.png' },
    { src: '.\\Backup_Overview\\Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: './Backup_Overview/%E5%9B%B3%201.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/%E5%9B%B3%201.png' },
    { src: './Backup_Overview/図 1.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/%E5%9B%B3%201.png' },
    { src: './Backup_Overview/Backup_Overview_01.png?v=2#x', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png?v=2#x' },
    { src: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: '/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png', expected: '/blog/AzureBackupGeneral/Backup_Overview/Backup_Overview_01.png' },
    { src: '/images/common/logo.png', expected: '/blog/images/common/logo.png' },
    { src: '../AzureVMBackup/CRR/CRR_01.png', expected: '/blog/AzureVMBackup/CRR/CRR_01.png' },
    { src: '../../images/x.png', expected: '/blog/images/x.png' },
    { src: 'https://github.com/user-attachments/assets/abc', expected: 'https://github.com/user-attachments/assets/abc' },
    { src: '//cdn.example.com/a.png', expected: '//cdn.example.com/a.png' },
    { src: 'data:image/png;base64,AAAA', expected: 'data:image/png;base64,AAAA' },
    { src: '', expected: '' },
    { src: 'img/a.png', expected: '/blog/about/img/a.png', ctx: { root: '/blog/', sourceDir: 'about', findAsset: () => undefined } },
    { src: 'a.png', expected: '/a.png', ctx: { root: '/', sourceDir: '', findAsset: () => undefined } },
  ];
  for (const { src, expected, ctx } of cases) {
    it(`${JSON.stringify(src)} → ${expected}`, () => {
      assert.equal(resolveImageSrc(src, ctx ?? post), expected);
    });
  }
});
