import { useI18n } from './shared/i18n';

export type PlaceholderKind = 'saved' | 'referrals' | 'newReferral' | 'inbox' | 'org' | 'signIn';

/** Screens that need an account, until signing in exists: they say so, in the reader's language. */
export function PlaceholderScreen({ screen }: { screen: PlaceholderKind }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('placeholder', { screen })}</h1>
      <p>{t('placeholderBody', { screen })}</p>
      <p>
        <a href="/">{t('findHelpLink')}</a>
      </p>
    </>
  );
}
