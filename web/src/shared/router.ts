import { useEffect, useState } from 'preact/hooks';

export interface Route {
  path: string;
  query: URLSearchParams;
}

const current = (): Route => ({
  path: location.pathname,
  query: new URLSearchParams(location.search),
});

const listeners = new Set<() => void>();
let pushed = false;

/** Has the reader moved within the app (so Back stays in it)? */
export const movedWithinApp = (): boolean => pushed;
const notify = () => listeners.forEach((listener) => listener());

/** Goes to an address of this app without reloading (replace: no new history entry). */
export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else {
    history.pushState(null, '', href);
    pushed = true;
  }
  notify();
  if (!replace) window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** Same-origin links move within the app; others (tel:, sms:, maps) are left to the browser. */
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target || target.target || target.hasAttribute('download')) return;
    const url = new URL(target.href, location.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
