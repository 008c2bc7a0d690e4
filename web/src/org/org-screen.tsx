import { useEffect, useRef, useState } from 'preact/hooks';
import type { WorkspaceProps } from '../answer/workspace';
import { describeAge } from '../shared/format';
import { ApiError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import {
  CreateKeyMutation,
  InviteMutation,
  OrgQuery,
  RemoveMemberMutation,
  RevokeInvitationMutation,
  RevokeKeyMutation,
  SetRolesMutation,
  type AccountRole,
  type ApiKey,
  type ApiKeyScope,
  type Invitation,
  type Member,
  type OrgData,
} from './queries';

const INVITE_ROLES: readonly AccountRole[] = ['PARTNER', 'DISCHARGE_PLANNER'];
const SCOPES: readonly ApiKeyScope[] = ['CAPACITY_WRITE', 'LISTINGS_WRITE', 'REFERRALS_ANSWER'];

/** `/org`: the organization's people and API keys, for its managers and directory admins. */
export function OrgScreen({ me, route }: WorkspaceProps) {
  const { t } = useI18n();
  const org = me.organization?.id ?? route.query.get('org');
  const [data, setData] = useState<OrgData | null>(null);
  const [failed, setFailed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const allowed = me.manager || me.roles.includes('ADMIN');
  useEffect(() => {
    if (!org || !allowed) return;
    const abort = new AbortController();
    request(OrgQuery, { org }, abort.signal).then(setData, () => {
      if (!abort.signal.aborted) setFailed(true);
    });
    return () => abort.abort();
  }, [org, allowed]);
  useEffect(() => heading.current?.focus(), []);
  const title = (
    <h1 tabIndex={-1} ref={heading}>
      {t('placeholder', { screen: 'org' })}
      {data && <span class="where-label"> · {data.organization.name}</span>}
    </h1>
  );
  if (!allowed)
    return (
      <>
        {title}
        <p>{t('orgManagersOnly')}</p>
      </>
    );
  if (!org)
    return (
      <>
        {title}
        <p>{t('answerNoOrg')}</p>
      </>
    );
  if (!data)
    return (
      <>
        {title}
        {failed ? <p role="alert">{t('answerLoadFailed')}</p> : <p role="status">{t('loading')}</p>}
      </>
    );
  const update = (change: Partial<OrgData>) => setData({ ...data, ...change });
  return (
    <>
      {title}
      <Members me={me.id} members={data.members} onChange={(members) => update({ members })} />
      <Invitations
        org={org}
        invitations={data.invitations}
        onChange={(invitations) => update({ invitations })}
      />
      <ApiKeys org={org} keys={data.apiKeys} onChange={(apiKeys) => update({ apiKeys })} />
      <p>
        <a href="/inbox">{t('orgToInbox')}</a>
      </p>
    </>
  );
}

/** A destructive action asks once more, in place, before it happens. */
function ConfirmButton({
  label,
  question,
  confirm,
  onConfirm,
}: {
  label: string;
  question: string;
  confirm: string;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) ask.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <>
        <button type="button" class="secondary danger" ref={ask} onClick={() => setAsking(true)}>
          {label}
        </button>
        {failed && (
          <p role="alert" class="problem">
            {t('answerSaveFailed')}
          </p>
        )}
      </>
    );
  return (
    <div class="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button
        type="button"
        class="danger-solid"
        ref={yes}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setFailed(false);
          onConfirm()
            .catch(() => setFailed(true))
            .finally(() => {
              setBusy(false);
              setAsking(false);
            });
        }}
      >
        {confirm}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        {t('answerCancel')}
      </button>
    </div>
  );
}

function Members({
  me,
  members,
  onChange,
}: {
  me: string;
  members: Member[];
  onChange: (members: Member[]) => void;
}) {
  const { t, locale } = useI18n();
  const [notice, setNotice] = useState('');
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const toggleManager = async (member: Member) => {
    const { setMemberRoles } = await request(SetRolesMutation, {
      userId: member.id,
      roles: member.roles,
      manager: !member.manager,
    });
    onChange(members.map((m) => (m.id === member.id ? { ...m, ...setMemberRoles } : m)));
    setNotice(
      t('orgManagerChanged', { name: member.displayName, manager: String(!member.manager) }),
    );
  };
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('orgMembersHeading', { count: members.length })}</h2>
      <p role="status" class="done">
        {notice}
      </p>
      <ul class="result-list">
        {members.map((member) => (
          <li key={member.id} class="result">
            <h3>{member.displayName}</h3>
            <p class="result-org">{member.email}</p>
            <p>
              {member.roles.map((role) => t('orgRole', { role })).join(', ')}
              {member.manager && <> · {t('orgManager')}</>} ·{' '}
              {t('orgJoined', { when: date.format(new Date(member.joinedAt)) })}
            </p>
            {member.id !== me && (
              <div class="row-actions">
                <button type="button" class="secondary" onClick={() => void toggleManager(member)}>
                  {t('orgToggleManager', { manager: String(member.manager) })}
                </button>
                <ConfirmButton
                  label={t('orgRemove')}
                  question={t('orgRemoveQuestion', { name: member.displayName })}
                  confirm={t('orgRemoveConfirm')}
                  onConfirm={async () => {
                    await request(RemoveMemberMutation, { userId: member.id });
                    onChange(members.filter((m) => m.id !== member.id));
                    setNotice(t('orgRemoved', { name: member.displayName }));
                  }}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Invitations({
  org,
  invitations,
  onChange,
}: {
  org: string;
  invitations: Invitation[];
  onChange: (invitations: Invitation[]) => void;
}) {
  const { t, locale } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AccountRole>('PARTNER');
  const [manager, setManager] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const pending = invitations.filter((i) => i.status === 'PENDING');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSent('');
    try {
      const { inviteUser } = await request(InviteMutation, {
        input: { email: email.trim(), role, manager, organizationId: org },
      });
      onChange([inviteUser, ...invitations]);
      setSent(t('orgInvited', { email: inviteUser.email }));
      setEmail('');
      setManager(false);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.code : 'INTERNAL');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('orgInviteHeading')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label for="invite-email">{t('email')}</label>
        <input
          id="invite-email"
          type="email"
          required
          autoComplete="off"
          value={email}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'invite-problem' : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="invite-role">{t('orgRoleLabel')}</label>
        <select
          id="invite-role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as AccountRole)}
        >
          {INVITE_ROLES.map((r) => (
            <option key={r} value={r}>
              {t('orgRole', { role: r })}
            </option>
          ))}
        </select>
        <label class="check">
          <input
            type="checkbox"
            checked={manager}
            onChange={(e) => setManager(e.currentTarget.checked)}
          />{' '}
          {t('orgInviteManager')}
        </label>
        {problem && (
          <p id="invite-problem" role="alert" class="form-error">
            {t('orgInviteProblem', { code: problem })}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('orgInviteButton')}
        </button>
      </form>
      <p role="status" class="done">
        {sent}
      </p>
      {pending.length > 0 && (
        <>
          <h3>{t('orgPendingHeading', { count: pending.length })}</h3>
          <ul class="result-list">
            {pending.map((invitation) => (
              <li key={invitation.id} class="result">
                <p>
                  <strong>{invitation.email}</strong> ·{' '}
                  {invitation.roles.map((r) => t('orgRole', { role: r })).join(', ')}
                </p>
                <p class="hint">
                  {t('orgInvitationExpires', {
                    when: date.format(new Date(invitation.expiresAt)),
                  })}
                </p>
                <ConfirmButton
                  label={t('orgRevokeInvitation')}
                  question={t('orgRevokeInvitationQuestion', { email: invitation.email })}
                  confirm={t('orgRevokeConfirm')}
                  onConfirm={async () => {
                    await request(RevokeInvitationMutation, { id: invitation.id });
                    onChange(invitations.filter((i) => i.id !== invitation.id));
                  }}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ApiKeys({
  org,
  keys,
  onChange,
}: {
  org: string;
  keys: ApiKey[];
  onChange: (keys: ApiKey[]) => void;
}) {
  const { t, lang, locale } = useI18n();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['CAPACITY_WRITE']);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  useEffect(() => {
    if (secret) secretRef.current?.focus();
  }, [secret]);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(false);
    try {
      const { createApiKey } = await request(CreateKeyMutation, {
        org,
        name: name.trim() || null,
        scopes,
      });
      onChange([createApiKey.apiKey, ...keys]);
      setSecret(createApiKey.secret);
      setCopied(false);
      setName('');
    } catch {
      setProblem(true);
    } finally {
      setBusy(false);
    }
  };
  const copy = () => {
    if (!secret) return;
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => secretRef.current?.select(),
    );
  };
  const live = keys.filter((key) => !key.revokedAt);
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('orgKeysHeading', { count: live.length })}</h2>
      <p class="hint">{t('orgKeysLead')}</p>
      {secret && (
        <div class="secret">
          <label for="secret">{t('orgSecretLabel')}</label>
          <p class="hint" id="secret-hint">
            {t('orgSecretHint')}
          </p>
          <input
            id="secret"
            ref={secretRef}
            readOnly
            value={secret}
            aria-describedby="secret-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={copy}>
            {t('orgCopy')}
          </button>
          <p role="status" class="done">
            {copied ? t('orgCopied') : ''}
          </p>
        </div>
      )}
      {live.length > 0 && (
        <ul class="result-list">
          {live.map((key) => (
            <li key={key.id} class="result">
              <h3>
                {key.name} <code>{key.prefix}…</code>
              </h3>
              <p>{key.scopes.map((scope) => t('orgScope', { scope })).join(', ')}</p>
              <p class="hint">
                {t('orgKeyCreated', { when: date.format(new Date(key.createdAt)) })} ·{' '}
                {key.lastUsedAt
                  ? t('orgKeyUsed', {
                      ago: describeAge(new Date(key.lastUsedAt), new Date(), lang),
                    })
                  : t('orgKeyNeverUsed')}
              </p>
              <ConfirmButton
                label={t('orgRevokeKey')}
                question={t('orgRevokeKeyQuestion', { name: key.name })}
                confirm={t('orgRevokeConfirm')}
                onConfirm={async () => {
                  const { revokeApiKey } = await request(RevokeKeyMutation, { id: key.id });
                  onChange(keys.map((k) => (k.id === key.id ? { ...k, ...revokeApiKey } : k)));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <h3>{t('orgNewKeyHeading')}</h3>
        <label for="key-name">{t('orgKeyName')}</label>
        <input
          id="key-name"
          value={name}
          autoComplete="off"
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <fieldset>
          <legend>{t('orgKeyScopes')}</legend>
          {SCOPES.map((scope) => (
            <label class="check" key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(
                    e.currentTarget.checked
                      ? [...scopes, scope]
                      : scopes.filter((s) => s !== scope),
                  )
                }
              />{' '}
              {t('orgScope', { scope })}
            </label>
          ))}
        </fieldset>
        {problem && (
          <p role="alert" class="form-error">
            {t('orgKeyProblem')}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || scopes.length === 0}>
          {t('orgCreateKey')}
        </button>
      </form>
    </section>
  );
}
