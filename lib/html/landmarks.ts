/** Labels of the page regions, as screen readers announce them. */
export interface LandmarkLabels {
  navbar: string;
  sidebar: string;
  toc: string;
  skipLink: string;
}

export const JAPANESE_LANDMARKS: LandmarkLabels = { navbar: 'メイン メニュー', sidebar: 'サイドバー', toc: '目次', skipLink: '本文へスキップ' };

/**
 * Adds what icarus's page markup lacks for keyboard, zoom and screen-reader users: a skip link to the
 * main column, which becomes the main landmark, labelled navigation and sidebar regions, and the
 * sidebar TOC as a labelled navigation region. Each replacement targets one known icarus class.
 */
export function addLandmarks(html: string, labels: LandmarkLabels): string {
  return html
    .replace(/<body([^>]*)>/, `<body$1><a class="sb-skip-link" href="#main-content">${labels.skipLink}</a>`)
    .replace(/<nav class="navbar navbar-main">/, `<nav class="navbar navbar-main" aria-label="${labels.navbar}">`)
    // Roles rather than new elements: only opening tags change, so icarus's markup stays balanced.
    .replace(/<div class="column order-2 column-main([^"]*)">/, '<div class="column order-2 column-main$1" id="main-content" role="main" tabindex="-1">')
    .replace(/<div class="column column-(left|right)([^"]*)">/g, `<div class="column column-$1$2" role="complementary" aria-label="${labels.sidebar}">`)
    .replace(/id="toc" data-type="toc"/, `id="toc" data-type="toc" role="navigation" aria-label="${labels.toc}"`)
    // icarus forbids pinch zoom (maximum-scale=1); readers with low vision need it.
    .replace(/(<meta name="viewport" content="[^"]*?),\s*maximum-scale=1([^"]*")/, '$1$2');
}
