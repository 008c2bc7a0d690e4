import { useEffect, useRef, useState } from 'preact/hooks';
import { waited } from '../shared/format';
import { ApiError, graphql, request, type ResultOf } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { CANCEL_REASONS } from '../shared/referral-reasons';
import type { Me } from '../shared/session';
import { discard, localStore, type Queued } from './outbox';
import { flushOutbox } from './send';
import { needNames } from './needs';
import { SuggestedPeers } from './suggested-peers';

export const MY_REFERRALS = graphql(`
  query MyReferrals {
    referrals(first: 50) {
      totalCount
      nodes {
        id
        status
        urgency
        createdAt
        requestedAt
        updatedAt
        needs
        resource {
          name
        }
        receivingOrganization {
          name
        }
        person {
          displayName
        }
      }
    }
  }
`);

export const REFERRAL = graphql(`
  query ReferralDetail($id: ID!) {
    referral(id: $id) {
      id
      status
      version
      urgency
      setting
      createdAt
      requestedAt
      statusReasonCode
      allowedTransitions
      expectedDischargeAt
      needs
      resource {
        id
        name
      }
      receivingOrganization {
        name
      }
      assignedPeer {
        id
        displayName
      }
      referrer {
        userId
      }
      location {
        latitude
        longitude
      }
      person {
        displayName
        preferredLanguage
        contactMethod
        contact
        redisclosureNotice
      }
      history {
        id
        kind
        at
        actor
        actorRole
        from
        to
        reasonCode
      }
      notes {
        id
        body
        author
        authorRole
        createdAt
      }
    }
  }
`);

const ADD_NOTE = graphql(`
  mutation ReferAddNote($id: ID!, $body: String!) {
    addReferralNote(referralId: $id, body: $body) {
      id
    }
  }
`);

const CANCEL = graphql(`
  mutation ReferCancel($id: ID!, $version: Int!, $reasonCode: ReferralReasonCode!) {
    transitionReferral(id: $id, to: CANCELLED, expectedVersion: $version, reasonCode: $reasonCode) {
      id
    }
  }
`);

type Summary = ResultOf<typeof MY_REFERRALS>['referrals']['nodes'][number];
type Referral = ResultOf<typeof REFERRAL>['referral'];
type ReasonCode = NonNullable<Referral['statusReasonCode']>;

/** A referral in one of these states is over: no peer is assigned to it any more. */
const CLOSED: ReadonlySet<Referral['status']> = new Set([
  'REJECTED',
  'CANCELLED',
  'COMPLETED',
  'FAILED',
  'ENTERED_IN_ERROR',
]);

/** "Waiting 2 days": how long a referral has waited for an answer. */
function useWaiting() {
  const { t } = useI18n();
  return (since: string, now = new Date()) => t('referWaiting', waited(new Date(since), now));
}

/** The referrals waiting on this device: sent when back online, or refused and to be discarded. */
function Outbox() {
  const { t } = useI18n();
  const [items, setItems] = useState<Queued[]>(() => localStore().read());
  useEffect(() => {
    const refresh = () => setItems(localStore().read());
    const online = () => void flushOutbox().then(refresh);
    window.addEventListener('online', online);
    window.addEventListener('storage', refresh);
    if (navigator.onLine && items.some((item) => !item.refused)) online();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('storage', refresh);
    };
  }, []);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">{t('referOutboxHeading')}</h2>
      <p class="notice">{t('referDeviceNotice')}</p>
      <ul class="result-list">
        {items.map((item) => (
          <li class="result" key={item.key}>
            <h3>{item.input.person.displayName}</h3>
            <p>{item.resourceName}</p>
            {item.refused ? (
              <p class="form-error">{t('referRefused', { ...item.refused })}</p>
            ) : (
              <p role="status">{t('referWaitingToSend')}</p>
            )}
            <button
              type="button"
              class="secondary"
              onClick={() => {
                discard(localStore(), item.key);
                setItems(localStore().read());
              }}
            >
              {t('referDiscard', { name: item.input.person.displayName })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/referrals`: what waits on this device, then the referrals the person made or works. */
export function ReferralsScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const waiting = useWaiting();
  const [list, setList] = useState<Summary[] | 'failed' | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    request(MY_REFERRALS, {}, abort.signal).then(
      ({ referrals }) => setList(referrals.nodes),
      () => !abort.signal.aborted && setList('failed'),
    );
    return () => abort.abort();
  }, []);
  return (
    <>
      <h1>{t('referMyReferrals')}</h1>
      <Outbox />
      {list === null && <p role="status">{t('loading')}</p>}
      {list === 'failed' && <p role="alert">{t('referLoadFailed')}</p>}
      {Array.isArray(list) && list.length === 0 && <p>{t('referNone')}</p>}
      {Array.isArray(list) && list.length > 0 && (
        <ul class="result-list">
          {list.map((referral) => (
            <li class="result" key={referral.id}>
              <h3 class="result-name">
                <a href={`/referrals/${encodeURIComponent(referral.id)}`}>
                  {referral.person?.displayName ?? t('referThePerson')}
                  {' → '}
                  {referral.resource?.name ?? referral.receivingOrganization.name}
                </a>
              </h3>
              <p>
                <span class={`status status-${referral.status.toLowerCase()}`}>
                  {t('referStatus', { status: referral.status })}
                </span>
                {referral.status === 'REQUESTED' && referral.requestedAt && (
                  <> · {waiting(referral.requestedAt)}</>
                )}
              </p>
              {referral.needs.length > 0 && (
                <p>{t('referNeedsLine', { needs: needNames(i18n, referral.needs) })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** `/referrals/:id`: status, every change with who and when, notes, the peer, cancelling. */
export function ReferralScreen({ id, me }: { id: string; me: Me }) {
  const { t, locale } = useI18n();
  const waiting = useWaiting();
  const [referral, setReferral] = useState<Referral | 'missing' | 'failed' | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<ReasonCode>('NO_LONGER_NEEDED');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = () =>
    request(REFERRAL, { id }).then(
      ({ referral }) => setReferral(referral),
      (error: unknown) =>
        setReferral(error instanceof ApiError && error.code === 'NOT_FOUND' ? 'missing' : 'failed'),
    );
  useEffect(() => {
    void load().then(() => heading.current?.focus());
  }, [id]);

  if (referral === null) return <p role="status">{t('loading')}</p>;
  if (typeof referral === 'string')
    return (
      <>
        <h1>{t('referMyReferrals')}</h1>
        <p role="alert">{t(referral === 'missing' ? 'referMissing' : 'referLoadFailed')}</p>
        <p>
          <a href="/referrals">{t('referMyReferrals')}</a>
        </p>
      </>
    );

  const when = (at: string) =>
    new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const who = (actor: string, role: string | null | undefined) =>
    actor === me.id ? t('referYou') : t('referRole', { role: role ?? 'other' });
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await run();
      await load();
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? t('referRefused', { code: error.code, message: error.message })
          : t('referLoadFailed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <a href="/referrals">← {t('referMyReferrals')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {referral.person?.displayName ?? t('referThePerson')}
        {' → '}
        {referral.resource?.name ?? referral.receivingOrganization.name}
      </h1>
      <p>
        <span class={`status status-${referral.status.toLowerCase()}`}>
          {t('referStatus', { status: referral.status })}
        </span>
        {referral.status === 'REQUESTED' && referral.requestedAt && (
          <> · {waiting(referral.requestedAt)}</>
        )}
      </p>
      <dl class="review">
        <dt>{t('referReceiving')}</dt>
        <dd>{referral.receivingOrganization.name}</dd>
        {referral.needs.length > 0 && (
          <>
            <dt>{t('inboxNeeds')}</dt>
            <dd>{needNames({ t, locale }, referral.needs)}</dd>
          </>
        )}
        <dt>{t('referUrgency')}</dt>
        <dd>{t('referUrgencyOption', { urgency: referral.urgency })}</dd>
        <dt>{t('referSetting')}</dt>
        <dd>{t('referSettingOption', { setting: referral.setting })}</dd>
        {referral.expectedDischargeAt && (
          <>
            <dt>{t('referDischarge')}</dt>
            <dd>{new Date(referral.expectedDischargeAt).toLocaleDateString(locale)}</dd>
          </>
        )}
        <dt>{t('referPeer')}</dt>
        <dd>{referral.assignedPeer?.displayName ?? t('referNoPeer')}</dd>
      </dl>
      {referral.person && (
        <section class="notice" aria-labelledby="notice-heading">
          <h2 id="notice-heading">{t('referNoticeHeading')}</h2>
          {/* The API's own words of the notice (42 CFR 2.32), as the law gives them. */}
          <p lang="en">{referral.person.redisclosureNotice}</p>
        </section>
      )}

      {/* The referring side assigns a peer while the referral is still open. */}
      {(referral.referrer.userId === me.id || me.roles.includes('ADMIN')) &&
        !CLOSED.has(referral.status) && (
          <SuggestedPeers
            referral={referral}
            needs={{
              language: referral.person?.preferredLanguage,
              near:
                referral.location?.latitude != null && referral.location.longitude != null
                  ? { latitude: referral.location.latitude, longitude: referral.location.longitude }
                  : null,
              setting: referral.setting,
            }}
            assignedPeerId={referral.assignedPeer?.id ?? null}
            onAssigned={() => load()}
          />
        )}

      <h2>{t('referTimeline')}</h2>
      <ol class="timeline">
        {referral.history.map((event) => (
          <li key={event.id}>
            <strong>
              {t('referEvent', { kind: event.kind, to: event.to ?? 'none' })}
              {event.reasonCode && ` (${t('referReason', { code: event.reasonCode })})`}
            </strong>
            <br />
            <span class="hint">
              {who(event.actor, event.actorRole)} ·{' '}
              <time dateTime={event.at}>{when(event.at)}</time>
            </span>
          </li>
        ))}
      </ol>

      <h2>{t('referNotesHeading')}</h2>
      {referral.notes.length === 0 && <p>{t('referNoNotes')}</p>}
      <ul class="notes">
        {referral.notes.map((item) => (
          <li key={item.id}>
            <p>{item.body}</p>
            <p class="hint">
              {who(item.author, item.authorRole)} ·{' '}
              <time dateTime={item.createdAt}>{when(item.createdAt)}</time>
            </p>
          </li>
        ))}
      </ul>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!note.trim()) return;
          void act(async () => {
            await request(ADD_NOTE, { id: referral.id, body: note.trim() });
            setNote('');
          });
        }}
      >
        <label for="note">{t('referAddNote')}</label>
        <textarea
          id="note"
          rows={3}
          maxLength={4000}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <button type="submit" class="secondary" disabled={busy || !note.trim()}>
          {t('referAddNoteButton')}
        </button>
      </form>

      {referral.allowedTransitions.includes('CANCELLED') && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act(() =>
              request(CANCEL, { id: referral.id, version: referral.version, reasonCode: reason }),
            );
          }}
        >
          <h2>{t('referCancelHeading')}</h2>
          <label for="cancel-reason">{t('referCancelReason')}</label>
          <select
            id="cancel-reason"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as ReasonCode)}
          >
            {CANCEL_REASONS.map((code) => (
              <option key={code} value={code}>
                {t('referReason', { code })}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary" disabled={busy}>
            {t('referCancelButton')}
          </button>
        </form>
      )}
    </>
  );
}
