// Browser script of the support blog (served as /js/support-blog.js, loaded with defer).
// Progressive enhancement only: every page works without it.

(function () {
  /** Links of both tables of contents, by the id they point at. */
  function tocLinks(): Map<string, HTMLAnchorElement[]> {
    const links = new Map<string, HTMLAnchorElement[]>();
    document.querySelectorAll<HTMLAnchorElement>('nav.sb-toc a, #toc .menu-list a').forEach((a) => {
      // icarus's toc.js moves the target into data-href and sets href to "javascript:;"; put it back
      // so that a click updates the address bar and the link works without scripts.
      const dataHref = a.getAttribute('data-href');
      if (dataHref && a.getAttribute('href') !== dataHref) a.setAttribute('href', dataHref);
      const href = a.getAttribute('href') || '';
      if (href.charAt(0) !== '#') return;
      const id = decodeURIComponent(href.slice(1));
      const list = links.get(id) || [];
      list.push(a);
      links.set(id, list);
    });
    return links;
  }

  /** Marks the TOC entries of the section being read with aria-current="location". */
  function scrollSpy(links: Map<string, HTMLAnchorElement[]>): void {
    const headings = Array.from(links.keys())
      .map((id) => document.getElementById(id))
      .filter((h): h is HTMLElement => h !== null);
    if (!headings.length || !('IntersectionObserver' in window)) return;
    let current: string | undefined;
    const update = (): void => {
      const top = 80;
      let active = headings[0]!;
      for (const h of headings) {
        if (h.getBoundingClientRect().top - top <= 0) active = h;
      }
      if (active.id === current) return;
      current = active.id;
      links.forEach((anchors, id) => anchors.forEach((a) => {
        if (id === current) a.setAttribute('aria-current', 'location');
        else a.removeAttribute('aria-current');
      }));
    };
    const observer = new IntersectionObserver(update, { rootMargin: '0px 0px -60% 0px' });
    headings.forEach((h) => observer.observe(h));
    window.addEventListener('hashchange', update);
    update();
  }

  function start(): void {
    scrollSpy(tocLinks());
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
