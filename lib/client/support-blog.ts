// Browser script of the support blog (served as /js/support-blog.js, loaded with defer).
// Progressive enhancement only: every page works without it.

(function () {
  // The site root, from this script's own URL (/blog/js/support-blog.js → /blog/).
  const script = document.currentScript as HTMLScriptElement | null;
  const ROOT = script ? new URL(script.src, location.href).pathname.replace(/js\/support-blog\.js$/, '') : '/';

  /**
   * icarus nests a list directly in a list when an article's first heading is deeper than a later
   * one (h3 before any h2); a list item around it makes the list valid for assistive technology.
   */
  function repairSidebarToc(): void {
    document.querySelectorAll('#toc ul.menu-list > ul').forEach((list) => {
      const item = document.createElement('li');
      list.parentNode!.insertBefore(item, list);
      item.appendChild(list);
    });
  }

  /** The id a `#fragment` names; a malformed escape (`#%zz`) is taken as written instead of throwing. */
  function decodeFragment(fragment: string): string {
    try {
      return decodeURIComponent(fragment);
    } catch (e) {
      return fragment;
    }
  }

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
      const id = decodeFragment(href.slice(1));
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
      // Just below the scroll margin a heading gets when the reader jumps to it (4.5rem: clear of
      // the sticky navbar).
      const top = 80;
      let active = headings[0]!;
      for (const h of headings) {
        if (h.getBoundingClientRect().top - top <= 0) active = h;
      }
      // After a jump to a heading near the end, the page cannot scroll it to the top: the heading
      // the reader asked for is the one being read while it is in the upper half of the window.
      const target = location.hash ? document.getElementById(decodeFragment(location.hash.slice(1))) : null;
      if (target && headings.indexOf(target) >= 0) {
        const y = target.getBoundingClientRect().top;
        if (y >= 0 && y < window.innerHeight / 2) active = target;
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

  const THEME_KEY = 'sb-theme';

  function currentTheme(): 'dark' | 'light' {
    return document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
  }

  function applyTheme(theme: 'dark' | 'light', button: HTMLButtonElement): void {
    document.documentElement.setAttribute('data-theme', theme);
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    button.title = theme === 'dark' ? 'ライト モードに切り替え' : 'ダーク モードに切り替え';
  }

  /** An icon button for icarus's navbar, not yet placed; null on pages without the navbar. */
  function navbarButton(className: string, label: string, icon: string): { end: Element; button: HTMLButtonElement } | null {
    const end = document.querySelector('.navbar-main .navbar-end');
    if (!end) return null;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `navbar-item ${className}`;
    button.setAttribute('aria-label', label);
    button.innerHTML = `<i class="fas ${icon}" aria-hidden="true"></i>`;
    return { end, button };
  }

  /** A navbar button that switches the colour scheme and remembers the choice. */
  function themeToggle(): void {
    const made = navbarButton('sb-theme-toggle', 'ダーク モード', 'fa-moon');
    if (!made) return;
    const { end, button } = made;
    applyTheme(currentTheme(), button);
    button.addEventListener('click', () => {
      const next = currentTheme() === 'dark' ? 'light' : 'dark';
      applyTheme(next, button);
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch (e) {
        // Private mode: the choice lasts for this page only.
      }
    });
    end.insertBefore(button, end.firstChild);
    // Follow the system setting until the reader makes a choice.
    const media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    if (media && media.addEventListener) {
      media.addEventListener('change', (event) => {
        let stored: string | null = null;
        try {
          stored = localStorage.getItem(THEME_KEY);
        } catch (e) {
          stored = null;
        }
        if (!stored) applyTheme(event.matches ? 'dark' : 'light', button);
      });
    }
  }

  interface Zoom {
    open(options?: { target?: HTMLElement }): Promise<unknown>;
    close(): Promise<unknown>;
    on(event: string, handler: () => void): unknown;
  }

  /** Article screenshots open enlarged on click, Enter or Space; Esc, a click or Back closes them. */
  function screenshotZoom(): void {
    const factory = (window as unknown as { mediumZoom?: (selector: HTMLElement[], options: object) => Zoom }).mediumZoom;
    // icarus's main.js wraps article images in a link to the image file (for its gallery plugin,
    // which we do not load); unwrap them so that a click zooms instead of leaving the page.
    document.querySelectorAll<HTMLAnchorElement>('.article .content a.gallery-item').forEach((a) => {
      const img = a.querySelector('img');
      if (img && a.parentNode) a.parentNode.replaceChild(img, a);
    });
    const images = Array.from(document.querySelectorAll<HTMLImageElement>('.article .content img')).filter((img) => !img.closest('a'));
    if (!factory || !images.length) return;
    const zoom = factory(images, { margin: 24, background: 'var(--sb-zoom-background, rgba(0, 0, 0, 0.85))' });
    let opener: HTMLElement | null = null;
    images.forEach((img) => {
      img.tabIndex = 0;
      img.setAttribute('role', 'button');
      img.setAttribute('aria-label', `${img.alt || '画像'} (拡大表示)`);
      img.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          opener = img;
          void zoom.open({ target: img });
        }
      });
      img.addEventListener('click', () => {
        opener = img;
      });
    });
    zoom.on('opened', () => {
      document.documentElement.setAttribute('data-zoom', 'open');
      history.pushState({ sbZoom: true }, '');
    });
    zoom.on('closed', () => {
      document.documentElement.removeAttribute('data-zoom');
      if (history.state && (history.state as { sbZoom?: boolean }).sbZoom) history.back();
      if (opener) opener.focus();
    });
    window.addEventListener('popstate', () => {
      if (document.querySelector('.medium-zoom-image--opened')) void zoom.close();
    });
  }

  interface PagefindUIConstructor {
    new (options: object): unknown;
  }

  function loadSearchUi(): Promise<PagefindUIConstructor> {
    const existing = (window as unknown as { PagefindUI?: PagefindUIConstructor }).PagefindUI;
    if (existing) return Promise.resolve(existing);
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${ROOT}pagefind/pagefind-ui.css`;
    document.head.appendChild(css);
    return new Promise((resolve, reject) => {
      const js = document.createElement('script');
      js.src = `${ROOT}pagefind/pagefind-ui.js`;
      js.onload = () => resolve((window as unknown as { PagefindUI: PagefindUIConstructor }).PagefindUI);
      js.onerror = () => reject(new Error('search is not available'));
      document.head.appendChild(js);
    });
  }

  /** A large site's index comes in parts (lib/search/index.ts); the first part lists the others. */
  function searchParts(): Promise<string[]> {
    return fetch(`${ROOT}pagefind/support-blog-parts.json`)
      .then((response) => (response.ok ? response.json() as Promise<unknown> : []))
      .then((parts) => (Array.isArray(parts) ? parts.filter((p): p is string => typeof p === 'string') : []), () => []);
  }

  /** A navbar search button opening a dialog with Pagefind's UI, loaded on first use. */
  function search(): void {
    const made = navbarButton('sb-search-button', 'サイト内検索', 'fa-search');
    if (!made) return;
    const { end, button } = made;
    button.setAttribute('aria-haspopup', 'dialog');
    const dialog = document.createElement('dialog');
    dialog.className = 'sb-search-dialog';
    dialog.setAttribute('aria-label', 'サイト内検索');
    dialog.innerHTML = '<form method="dialog" class="sb-search-close"><button type="submit" aria-label="閉じる">×</button></form><div id="sb-search-ui"></div>';
    document.body.appendChild(dialog);
    let ui: unknown;
    let loading = false;
    // Pagefind's UI makes its field only once its script has loaded: until then a field of our own
    // takes the keystrokes of a reader who types as soon as the dialog opens, and hands them over.
    const pending = document.createElement('input');
    pending.type = 'search';
    pending.className = 'sb-search-pending';
    pending.placeholder = '検索';
    pending.setAttribute('aria-label', 'サイト内検索');
    button.addEventListener('click', () => {
      dialog.showModal();
      if (ui || loading) {
        const input = dialog.querySelector<HTMLInputElement>('input');
        if (input) input.focus();
        return;
      }
      loading = true;
      const box = dialog.querySelector('#sb-search-ui')!;
      box.appendChild(pending);
      pending.focus();
      Promise.all([loadSearchUi(), searchParts()]).then(([PagefindUI, parts]) => {
        const focused = document.activeElement === pending;
        pending.remove();
        ui = new PagefindUI({
          element: '#sb-search-ui', baseUrl: ROOT, bundlePath: `${ROOT}pagefind/`, showImages: false, autofocus: focused, resetStyles: false,
          mergeIndex: parts.map((part) => ({ bundlePath: `${ROOT}pagefind/${part}`, baseUrl: ROOT })),
        });
        const input = box.querySelector<HTMLInputElement>('input');
        if (!input) return;
        if (pending.value) {
          input.value = pending.value;
          // Pagefind searches on its field's input event.
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        if (focused) input.focus();
      }, () => {
        pending.remove();
        box.textContent = '検索は npm run build で作ったサイトで使えます。';
      });
    });
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
    end.appendChild(button);
    // `/` and Ctrl+K (⌘K) open the search from anywhere but a text field.
    document.addEventListener('keydown', (event) => {
      if (dialog.open || event.defaultPrevented || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !typing;
      const k = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey);
      if (!slash && !k) return;
      event.preventDefault();
      button.click();
    });
    button.title = 'サイト内検索 (/ または Ctrl+K)';
    // The 404 page's own search button.
    document.querySelectorAll<HTMLElement>('.sb-open-search').forEach((open) => {
      open.addEventListener('click', () => button.click());
      const box = open.closest<HTMLElement>('.sb-404-search');
      if (box) box.hidden = false;
    });
  }

  /** On phones the page links of the navbar fold into a menu, so that the navbar keeps one row. */
  function phoneMenu(): void {
    const navbar = document.querySelector('.navbar-main');
    const start = navbar && navbar.querySelector('.navbar-start');
    const made = start ? navbarButton('sb-menu-button', 'メニュー', 'fa-bars') : null;
    if (!navbar || !start || !made) return;
    const { end, button } = made;
    start.id = start.id || 'sb-navbar-links';
    button.setAttribute('aria-controls', start.id);
    button.setAttribute('aria-expanded', 'false');
    const toggle = (open: boolean): void => {
      navbar.classList.toggle('sb-menu-open', open);
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', () => toggle(!navbar.classList.contains('sb-menu-open')));
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && navbar.classList.contains('sb-menu-open')) {
        toggle(false);
        button.focus();
      }
    });
    document.addEventListener('click', (event) => {
      if (!navbar.contains(event.target as Node)) toggle(false);
    });
    end.appendChild(button);
  }

  function start(): void {
    repairSidebarToc();
    search();
    scrollSpy(tocLinks());
    themeToggle();
    phoneMenu();
    screenshotZoom();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
