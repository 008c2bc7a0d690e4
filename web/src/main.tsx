import { render } from 'preact';
import { App } from './app';
import { initialLang } from './shared/i18n';
import { interceptLinks } from './shared/router';

const root = document.getElementById('app')!;
interceptLinks(root);
render(<App initial={initialLang()} />, root);

// The offline shell: only in a production build (the development server has no service worker).
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
