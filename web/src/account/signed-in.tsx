import type { ComponentChildren } from 'preact';
import type { PlaceholderKind } from '../placeholder-screen';
import { useI18n } from '../shared/i18n';
import { refreshSession, useSession, type Me, type Role } from '../shared/session';

/** Where to come back to after signing in: this screen, with its query. */
export const signInHref = (): string =>
  `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;

/**
 * A screen that needs an account: while the session is being checked it says so; signed out, it
 * asks to sign in (and comes back here after); signed in without one of `roles`, it says the
 * account cannot use it; otherwise it shows the screen for the person signed in.
 */
export function SignedIn({
  screen,
  roles,
  children,
}: {
  /** Which screen asks (`notifications` has no placeholder of its own). */
  screen: PlaceholderKind | 'notifications';
  roles?: readonly Role[];
  children: (me: Me) => ComponentChildren;
}) {
  const { t } = useI18n();
  const session = useSession();
  const title =
    screen === 'notifications' ? t('notificationsHeading') : t('placeholder', { screen });
  if (session.state === 'loading') return <p role="status">{t('loading')}</p>;
  if (session.state === 'unknown')
    return (
      <>
        <h1>{title}</h1>
        <p role="alert">{t('sessionUnknown')}</p>
        <button type="button" onClick={() => void refreshSession()}>
          {t('tryAgain')}
        </button>
      </>
    );
  if (session.state === 'anonymous')
    return (
      <>
        <h1>{title}</h1>
        <p>{t('signInNeeded', { screen })}</p>
        <p>
          <a class="button primary" href={signInHref()}>
            {t('signIn')}
          </a>
        </p>
        <p>
          <a href="/">{t('findHelpLink')}</a>
        </p>
      </>
    );
  const { me } = session;
  if (roles && !me.roles.some((role) => roles.includes(role)))
    return (
      <>
        <h1>{title}</h1>
        <p>{t('notForYou')}</p>
      </>
    );
  return <>{children(me)}</>;
}
