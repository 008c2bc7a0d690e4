import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../shared/i18n';
import { navigate, type Route } from '../shared/router';
import { AuthError, postAuth, refreshSession, signIn, type Me } from '../shared/session';

/** Only a path of this app (never another site) may be where signing in leads. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return null;
  if (next.startsWith('/sign-in')) return null;
  return next;
}

/** Where a person lands after signing in when no screen asked for it: their own work. */
export function homeFor(me: Pick<Me, 'roles'>): string {
  if (me.roles.includes('PARTNER')) return '/inbox';
  if (me.roles.includes('DISCHARGE_PLANNER') || me.roles.includes('PEER')) return '/referrals';
  if (me.roles.includes('ADMIN')) return '/org';
  return '/';
}

type Problem = { code: string; minutes?: number } | null;

const problemOf = (error: unknown): Problem => {
  if (error instanceof AuthError)
    return {
      code: error.code,
      minutes: error.retryAfterSeconds ? Math.ceil(error.retryAfterSeconds / 60) : undefined,
    };
  return { code: 'SERVICE_UNAVAILABLE' };
};

function ErrorLine({ problem }: { problem: Problem }) {
  const { t } = useI18n();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), [problem]);
  if (!problem) return null;
  return (
    <p class="form-error" role="alert" tabIndex={-1} ref={ref} id="form-error">
      {t('authError', { code: problem.code, minutes: problem.minutes ?? 1 })}
    </p>
  );
}

function PasswordField({
  id,
  label,
  value,
  onInput,
  autoComplete,
  hint,
  invalid,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete: string;
  hint?: string;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const field = {
    id,
    required: true,
    autoComplete,
    value,
    'aria-invalid': invalid || undefined,
    'aria-describedby':
      [hint ? `${id}-hint` : '', invalid ? 'form-error' : ''].filter(Boolean).join(' ') ||
      undefined,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {shown ? <input type="text" {...field} /> : <input type="password" {...field} />}
      <label class="check">
        <input type="checkbox" checked={shown} onChange={() => setShown(!shown)} />{' '}
        {t('showPassword')}
      </label>
    </>
  );
}

function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (!busy) void run();
  };
  return { busy, problem, setProblem, submit };
}

const landAfterSignIn = (me: Me | null, next: string | null) =>
  navigate(safeNext(next) ?? (me ? homeFor(me) : '/'), true);

function SignInForm({ route }: { route: Route }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const oidcError = route.query.get('error');
  const { busy, problem, submit } = useSubmit(async () => {
    try {
      const session = await signIn({ email, password, ...(askCode && code ? { code } : {}) });
      landAfterSignIn(session.state === 'signedIn' ? session.me : null, route.query.get('next'));
    } catch (error) {
      if (error instanceof AuthError && error.code === 'SECOND_FACTOR_REQUIRED') {
        setAskCode(true);
        setTimeout(() => codeRef.current?.focus(), 0);
      }
      throw error;
    }
  });
  const shown = problem ?? (oidcError ? { code: oidcError } : null);
  const wrong = problem?.code === 'INVALID_CREDENTIALS';
  return (
    <>
      <h1>{t('signIn')}</h1>
      <p>{t('signInLead')}</p>
      {route.query.has('changed') && !shown && <p role="status">{t('passwordChanged')}</p>}
      <ErrorLine problem={shown} />
      <form onSubmit={submit} noValidate={false}>
        <label for="email">{t('email')}</label>
        <input
          id="email"
          type="email"
          required
          autoComplete="username"
          inputMode="email"
          value={email}
          aria-invalid={wrong || undefined}
          aria-describedby={wrong ? 'form-error' : undefined}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordField
          id="password"
          label={t('password')}
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
          invalid={wrong}
        />
        {askCode && (
          <>
            <label for="code">{t('authCode')}</label>
            <p class="hint" id="code-hint">
              {t('authCodeHint')}
            </p>
            <input
              id="code"
              ref={codeRef}
              required
              autoComplete="one-time-code"
              inputMode="numeric"
              value={code}
              aria-describedby="code-hint"
              onInput={(event) => setCode(event.currentTarget.value.trim())}
            />
          </>
        )}
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signInButton')}
        </button>
      </form>
      <SingleSignOn next={route.query.get('next')} />
      <p>
        <a href="/sign-in?mode=forgot">{t('forgotPassword')}</a>
      </p>
    </>
  );
}

/** Does the gateway offer single sign-on (an OIDC provider is configured)? Asked once a load. */
let singleSignOn: Promise<boolean> | null = null;
const offersSingleSignOn = (): Promise<boolean> =>
  (singleSignOn ??= fetch('/auth/config', {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
    .then((response) => (response.ok ? (response.json() as Promise<unknown>) : null))
    .then(
      (config) =>
        typeof config === 'object' && config !== null && 'oidc' in config && config.oidc === true,
    )
    .catch(() => {
      singleSignOn = null;
      return false;
    }));

/**
 * "Sign in with your organization's account", when the gateway has an identity provider: a full
 * page load of /auth/oidc/start (not a move within the app), coming back to `next`.
 */
function SingleSignOn({ next }: { next: string | null }) {
  const { t } = useI18n();
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    void offersSingleSignOn().then((yes) => live && setOffered(yes));
    return () => {
      live = false;
    };
  }, []);
  if (!offered) return null;
  const back = safeNext(next);
  return (
    <section aria-labelledby="sso-heading" class="sso">
      <h2 id="sso-heading">{t('ssoHeading')}</h2>
      <p>
        {/* target keeps the app's link handling away: the gateway's route, then the provider. */}
        <a
          class="button primary"
          target="_self"
          href={`/auth/oidc/start${back ? `?next=${encodeURIComponent(back)}` : ''}`}
        >
          {t('ssoButton')}
        </a>
      </p>
    </section>
  );
}

function ForgotForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { busy, problem, submit } = useSubmit(async () => {
    await postAuth('password-reset', { email });
    setSent(email);
  });
  return (
    <>
      <h1>{t('resetHeading')}</h1>
      {sent ? (
        <p role="status">{t('resetSent', { email: sent })}</p>
      ) : (
        <>
          <p>{t('resetLead')}</p>
          <ErrorLine problem={problem} />
          <form onSubmit={submit}>
            <label for="email">{t('email')}</label>
            <input
              id="email"
              type="email"
              required
              autoComplete="username"
              inputMode="email"
              value={email}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
            <button class="primary" type="submit" disabled={busy}>
              {t('resetSend')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/sign-in">{t('backToSignIn')}</a>
      </p>
    </>
  );
}

/** A new password from an emailed link (`?reset=`), or a new account from an invitation. */
function TokenForm({ route, kind }: { route: Route; kind: 'reset' | 'invitation' }) {
  const { t } = useI18n();
  const token = route.query.get(kind) ?? '';
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const { busy, problem, submit } = useSubmit(async () => {
    if (kind === 'reset') {
      // A new password ends every session: the person signs in with it (and a second factor).
      await postAuth('password-reset/confirm', { token, password });
      await refreshSession();
      navigate('/sign-in?changed=1', true);
      return;
    }
    await postAuth('invitations/accept', { token, password, displayName });
    const session = await refreshSession();
    landAfterSignIn(session.state === 'signedIn' ? session.me : null, null);
  });
  const weak = !!problem?.code.startsWith('PASSWORD_');
  return (
    <>
      <h1>{t(kind === 'reset' ? 'chooseHeading' : 'joinHeading')}</h1>
      {kind === 'invitation' && <p>{t('joinLead')}</p>}
      <ErrorLine problem={problem} />
      <form onSubmit={submit}>
        {kind === 'invitation' && (
          <>
            <label for="display-name">{t('displayName')}</label>
            <input
              id="display-name"
              required
              autoComplete="name"
              value={displayName}
              onInput={(event) => setDisplayName(event.currentTarget.value)}
            />
          </>
        )}
        <PasswordField
          id="new-password"
          label={t('newPassword')}
          value={password}
          onInput={setPassword}
          autoComplete="new-password"
          hint={t('passwordHint')}
          invalid={weak}
        />
        <button class="primary" type="submit" disabled={busy}>
          {t(kind === 'reset' ? 'chooseButton' : 'joinButton')}
        </button>
      </form>
      <p>
        <a href="/sign-in">{t('backToSignIn')}</a>
      </p>
    </>
  );
}

/**
 * `/sign-in`: email and password (and the authenticator's code when the account has one); from an
 * emailed link, joining by invitation (`?invitation=`) or choosing a new password (`?reset=`);
 * `?mode=forgot` asks for that link; `?error=` shows why the organization's sign-in was refused.
 */
export function SignInScreen({ route }: { route: Route }) {
  if (route.query.has('invitation')) return <TokenForm route={route} kind="invitation" />;
  if (route.query.has('reset')) return <TokenForm route={route} kind="reset" />;
  if (route.query.get('mode') === 'forgot') return <ForgotForm />;
  return <SignInForm route={route} />;
}
