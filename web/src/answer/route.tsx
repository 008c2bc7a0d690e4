import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SignedIn } from '../account/signed-in';
import { useI18n } from '../shared/i18n';
import type { Route } from '../shared/router';
import type { WorkspaceProps } from './workspace';

type Loaded = { Screen: ComponentType<WorkspaceProps> };

/** Each workspace is its own chunk, loaded on the way in, so Find's first load does not grow. */
const LOAD: Record<'inbox' | 'org', () => Promise<Loaded>> = {
  inbox: () => import('./inbox-screen').then((m) => ({ Screen: m.InboxScreen })),
  org: () => import('../org/org-screen').then((m) => ({ Screen: m.OrgScreen })),
};

/** `/inbox` (partners and admins) and `/org` (managers and admins), behind the sign-in check. */
export function AnswerRoute({ screen, route }: { screen: 'inbox' | 'org'; route: Route }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    LOAD[screen]().then(
      (chunk) => live && setLoaded(chunk),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [screen]);
  return (
    <SignedIn screen={screen} roles={screen === 'inbox' ? ['PARTNER', 'ADMIN'] : undefined}>
      {(me) => {
        if (failed) return <p role="alert">{t('answerLoadFailed')}</p>;
        if (!loaded) return <p role="status">{t('loading')}</p>;
        const { Screen } = loaded;
        return <Screen route={route} me={me} />;
      }}
    </SignedIn>
  );
}
