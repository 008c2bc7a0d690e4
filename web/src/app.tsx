import { useEffect, useMemo, useState } from 'preact/hooks';
import { SignInScreen } from './account/sign-in-screen';
import { SignedIn } from './account/signed-in';
import { AnswerRoute } from './answer/route';
import { FindScreen } from './find/find-screen';
import { ListingScreen } from './find/listing-screen';
import { NotificationBell } from './notifications/bell';
import { PlaceholderScreen, type PlaceholderKind } from './placeholder-screen';
import { OUTBOX_KEY } from './refer/outbox';
import { i18nFor, I18nContext, rememberLang, useI18n, type Lang } from './shared/i18n';
import { navigate, useRoute, type Route } from './shared/router';
import { signOut, useSession, type Session } from './shared/session';

const PLACEHOLDERS: Record<string, PlaceholderKind> = {
  '/saved': 'saved',
};

/** A workspace's screens come in their own chunk, so Find does not grow with them. */
function useChunk<T>(load: () => Promise<T>): T | null {
  const [chunk, setChunk] = useState<T | null>(null);
  useEffect(() => void load().then(setChunk), []);
  return chunk;
}

function Refer({ route }: { route: Route }) {
  const { t } = useI18n();
  const chunk = useChunk(() => import('./refer/workspace'));
  return chunk ? <chunk.ReferWorkspace route={route} /> : <p role="status">{t('loading')}</p>;
}

/** Referrals written offline go out when the signal comes back, or at the next start. */
function sendWaitingReferrals(): void {
  try {
    if (!localStorage.getItem(OUTBOX_KEY)) return;
  } catch {
    return;
  }
  void import('./refer/send').then(({ flushOutbox }) => flushOutbox());
}

function Notifications() {
  const { t } = useI18n();
  const chunk = useChunk(() => import('./notifications/notifications-screen'));
  return chunk ? <chunk.NotificationsScreen /> : <p role="status">{t('loading')}</p>;
}

function Screen({ route }: { route: Route }) {
  if (route.path === '/notifications') return <Notifications />;
  if (route.path === '/referrals' || route.path.startsWith('/referrals/'))
    return <Refer route={route} />;
  const listing = /^\/listing\/([^/]+)$/.exec(route.path);
  if (listing) return <ListingScreen id={decodeURIComponent(listing[1])} route={route} />;
  if (route.path === '/sign-in') return <SignInScreen route={route} />;
  if (route.path === '/inbox' || route.path === '/org')
    return <AnswerRoute screen={route.path === '/inbox' ? 'inbox' : 'org'} route={route} />;
  const placeholder = PLACEHOLDERS[route.path];
  if (placeholder)
    return (
      <SignedIn screen={placeholder}>{() => <PlaceholderScreen screen={placeholder} />}</SignedIn>
    );
  return <FindScreen route={route} />;
}

/** The workspaces a person's roles open, and signing in or out. */
function SessionLinks({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  if (session.state !== 'signedIn')
    return (
      <>
        <a href="/saved">{t('savedLink')}</a>
        <a href="/sign-in">{t('signIn')}</a>
      </>
    );
  const { roles, manager } = session.me;
  const out = async () => {
    await signOut().catch(() => undefined);
    navigate('/');
  };
  return (
    <>
      {roles.includes('PEER') && <a href="/saved">{t('savedLink')}</a>}
      {(roles.includes('PEER') || roles.includes('DISCHARGE_PLANNER')) && (
        <a href="/referrals">{t('referralsLink')}</a>
      )}
      {roles.includes('PARTNER') && <a href="/inbox">{t('inboxLink')}</a>}
      {(manager || roles.includes('ADMIN')) && <a href="/org">{t('orgLink')}</a>}
      <NotificationBell path={path} />
      <button type="button" class="link" onClick={() => void out()}>
        {t('signOut')}
      </button>
    </>
  );
}

export function App({ initial }: { initial: Lang }) {
  const route = useRoute();
  const session = useSession();
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

  useEffect(() => {
    sendWaitingReferrals();
    window.addEventListener('online', sendWaitingReferrals);
    return () => window.removeEventListener('online', sendWaitingReferrals);
  }, []);

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
          <SessionLinks session={session} path={route.path} />
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
