import { useEffect, useMemo, useState } from 'preact/hooks';
import { FindScreen } from './find/find-screen';
import { ListingScreen } from './find/listing-screen';
import { PlaceholderScreen, type PlaceholderKind } from './placeholder-screen';
import { i18nFor, I18nContext, rememberLang, type Lang } from './shared/i18n';
import { navigate, useRoute, type Route } from './shared/router';

const PLACEHOLDERS: Record<string, PlaceholderKind> = {
  '/saved': 'saved',
  '/referrals': 'referrals',
  '/referrals/new': 'newReferral',
  '/inbox': 'inbox',
  '/org': 'org',
  '/sign-in': 'signIn',
};

function Screen({ route }: { route: Route }) {
  const listing = /^\/listing\/([^/]+)$/.exec(route.path);
  if (listing) return <ListingScreen id={decodeURIComponent(listing[1])} route={route} />;
  const placeholder =
    PLACEHOLDERS[route.path] ?? (route.path.startsWith('/referrals/') ? 'referrals' : undefined);
  if (placeholder) return <PlaceholderScreen screen={placeholder} />;
  return <FindScreen route={route} />;
}

export function App({ initial }: { initial: Lang }) {
  const route = useRoute();
  const asked = route.query.get('lang');
  const [lang, setLang] = useState<Lang>(initial);
  const i18n = useMemo(() => i18nFor(lang), [lang]);
  useEffect(() => {
    if ((asked === 'en' || asked === 'es') && asked !== lang) setLang(asked);
  }, [asked]);
  useEffect(() => {
    document.documentElement.lang = lang;
    rememberLang(lang);
    if (!route.path.startsWith('/listing/')) document.title = i18n.t('appTitle');
  }, [lang, route.path]);

  const other: Lang = lang === 'en' ? 'es' : 'en';
  const switchLanguage = () => {
    const query = new URLSearchParams(route.query);
    query.set('lang', other);
    setLang(other);
    navigate(`${route.path}?${query.toString()}`, true);
  };

  return (
    <I18nContext.Provider value={i18n}>
      <header class="top no-print">
        <a class="brand" href="/">
          {i18n.t('appTitle')}
        </a>
        <nav aria-label={i18n.t('mainNav')}>
          <a href="/saved">{i18n.t('savedLink')}</a>
          <a href="/sign-in">{i18n.t('signIn')}</a>
          <button type="button" class="link" lang={other} onClick={switchLanguage}>
            {i18n.t('switchLanguage')}
          </button>
        </nav>
      </header>
      <main id="main">
        <Screen route={route} />
      </main>
    </I18nContext.Provider>
  );
}
