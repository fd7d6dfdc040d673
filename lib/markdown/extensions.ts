/** The file extensions hexo-renderer-marked renders as Markdown. */
export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mkd', 'mkdn', 'mdwn', 'mdtxt', 'mdtext'] as const;

/** A path ending in one of {@link MARKDOWN_EXTENSIONS}. */
export const MARKDOWN_FILE = new RegExp(`\\.(${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');
