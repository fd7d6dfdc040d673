/**
 * Which third-party browser files the site serves itself, so that no page loads anything from a CDN.
 * icarus asks for files by npm package, version and path (its `cdn()` helper); we map each request to
 * a file installed from npm and served under /vendor/.
 */

/** A file served from the site: its route and either an installed module path or literal content. */
export interface VendorFile {
  route: string;
  module?: string;
  content?: string;
}

// icarus only uses moment to rewrite article dates as "3 years ago"; support articles need the
// exact date, and moment with locales weighs 327 KB. This stand-in keeps icarus's
// `moment.locale()` call working and makes main.js leave the dates alone.
const MOMENT_STAND_IN = 'window.moment = { locale: function () {} };\n';

/** Resolves an icarus `cdn(package, version, filename)` request to the file we serve, if any. */
export function libraryFile(pkg: string, filename: string): VendorFile | undefined {
  const clean = filename.replace(/^\/+/, '');
  if (clean.includes('..')) return undefined;
  switch (pkg) {
    case 'jquery':
    case 'clipboard':
      return clean.startsWith('dist/') && clean.endsWith('.js')
        ? { route: `vendor/${pkg}/${clean.slice('dist/'.length)}`, module: `${pkg}/${clean}` }
        : undefined;
    case 'highlight.js':
      return /^styles\/[\w.-]+\.css$/.test(clean)
        ? { route: `vendor/highlight.js/${clean}`, module: `highlight.js/${clean}` }
        : undefined;
    case 'moment':
      return { route: 'vendor/moment/moment.js', content: MOMENT_STAND_IN };
    default:
      return undefined;
  }
}

/** Every vendor file the site serves, given icarus's highlight theme (null when highlighting is off). */
export function vendorFiles(highlightTheme: string | null): VendorFile[] {
  const files: (VendorFile | undefined)[] = [
    libraryFile('jquery', 'dist/jquery.min.js'),
    libraryFile('clipboard', 'dist/clipboard.min.js'),
    libraryFile('moment', 'min/moment-with-locales.min.js'),
    highlightTheme ? libraryFile('highlight.js', `styles/${highlightTheme}.css`) : undefined,
  ];
  return files.filter((f): f is VendorFile => f !== undefined);
}
