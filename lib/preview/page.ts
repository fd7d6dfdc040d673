/** What a preview build adds to every page: a robots noindex and a banner naming the pull request. */
import { escapeHtml } from '../text/html';

export interface PreviewPage {
  number: number;
  /** The pull request's page on GitHub. */
  link?: string;
}

/** The banner shown above the navbar: a reviewer always sees this is not the public site. */
export function previewBanner(preview: PreviewPage): string {
  const label = `pull request #${preview.number}`;
  const pr = preview.link && /^https?:\/\//.test(preview.link) ? `<a href="${escapeHtml(preview.link)}">${label}</a>` : label;
  return `<div class="sb-preview-banner" role="note">プレビュー: ${pr}<span class="sb-preview-note">(公開サイトではありません)</span></div>`;
}

const NOINDEX = '<meta name="robots" content="noindex, nofollow">';

/**
 * Marks one rendered page as a preview. The banner goes right before icarus's navbar, after the
 * skip link, so the skip link stays the first stop of the keyboard; pages without a navbar get it
 * first in the body.
 */
export function markPreviewPage(html: string, preview: PreviewPage): string {
  if (!/<head[\s>]/i.test(html)) return html;
  const banner = previewBanner(preview);
  let out = html.replace(/<meta name="robots"[^>]*>/gi, '').replace(/<head([^>]*)>/i, `<head$1>${NOINDEX}`);
  if (/<nav class="navbar navbar-main"/.test(out)) out = out.replace(/<nav class="navbar navbar-main"/, `${banner}$&`);
  else out = out.replace(/<body([^>]*)>/i, `<body$1>${banner}`);
  return out;
}
