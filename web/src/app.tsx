import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { FindScreen } from './find/find-screen';
import { ListingScreen } from './find/listing-screen';
import { NotificationBell } from './notifications/bell';
import { OUTBOX_KEY } from './refer/outbox';
import { forgetCopy } from './saved/offline-copy';
import {
  i18nFor,
  I18nContext,
  loadMessages,
  rememberLang,
  useI18n,
  type Lang,
  type TableName,
} from './shared/i18n';
import { navigate, useRoute, type Route } from './shared/router';
import { signOut, useSession, type Session } from './shared/session';

type Chunk = ComponentType<{ route: Route }>;

/**
 * Each screen but Find comes in its own chunk with its strings' tables, loaded on the way in, so
 * Find's first load carries neither.
 */
const CHUNKS = {
  refer: [() => import('./refer/workspace').then((m) => m.ReferWorkspace), ['refer']],
  signIn: [() => import('./account/sign-in-screen').then((m) => m.SignInScreen), ['account']],
  inbox: [
    () =>
      import('./answer/route').then((m) => (props) => <m.AnswerRoute screen="inbox" {...props} />),
    // The inbox names needs with the referral form's words (refer/needs.ts).
    ['answer', 'account', 'refer'],
  ],
  org: [
    () =>
      import('./answer/route').then((m) => (props) => <m.AnswerRoute screen="org" {...props} />),
    // The inbox names needs with the referral form's words (refer/needs.ts).
    ['answer', 'account', 'refer'],
  ],
  saved: [() => import('./saved/saved-screen').then((m) => m.SavedScreen), ['saved']],
  notifications: [
    () => import('./notifications/notifications-screen').then((m) => m.NotificationsScreen),
    ['notifications'],
  ],
} satisfies Record<string, [() => Promise<Chunk>, TableName[]]>;

function Lazy({ chunk, route }: { chunk: keyof typeof CHUNKS; route: Route }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState<{ chunk: string; Screen: Chunk } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    const [load, tables] = CHUNKS[chunk];
    Promise.all([load(), loadMessages(...tables)]).then(
      ([Screen]) => live && setScreen({ chunk, Screen }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chunk]);
  if (screen?.chunk === chunk) return <screen.Screen route={route} />;
  if (failed) return <p role="alert">{t('screenLoadFailed')}</p>;
  return <p role="status">{t('loading')}</p>;
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

function Screen({ route }: { route: Route }) {
  if (route.path === '/notifications') return <Lazy chunk="notifications" route={route} />;
  if (route.path === '/referrals' || route.path.startsWith('/referrals/'))
    return <Lazy chunk="refer" route={route} />;
  const listing = /^\/listing\/([^/]+)$/.exec(route.path);
  if (listing) return <ListingScreen id={decodeURIComponent(listing[1])} route={route} />;
  if (route.path === '/sign-in') return <Lazy chunk="signIn" route={route} />;
  if (route.path === '/inbox') return <Lazy chunk="inbox" route={route} />;
  if (route.path === '/org') return <Lazy chunk="org" route={route} />;
  if (route.path === '/saved') return <Lazy chunk="saved" route={route} />;
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
    forgetCopy();
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
