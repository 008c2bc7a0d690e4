import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { REASON_CODES } from '../shared/referral-reasons';
import { describeLanguages } from '../shared/format';
import { receiverSteps, stepNeeds, type Status as Step } from './lifecycle';
import { needNames } from '../refer/needs';
import { inboxHref } from './links';
import {
  ReferralQuery,
  TransitionMutation,
  type AnswerReferral,
  type OutcomeCode,
  type ReasonCode,
} from './queries';

const OUTCOMES: readonly OutcomeCode[] = [
  'SERVICE_PROVIDED',
  'ENROLLED',
  'PERSON_DECLINED',
  'UNABLE_TO_CONTACT',
  'NOT_ELIGIBLE',
  'NO_CAPACITY',
  'DID_NOT_ARRIVE',
  'OTHER',
];

type Notice =
  | { kind: 'done'; status: Step }
  /** Someone else moved it first: what it is now, who moved it and when. */
  | { kind: 'conflict'; status: Step; role: string; at: string }
  | { kind: 'failed'; field?: string };

/** One referral as my organization may see it, and the steps it may take now. */
export function ReferralDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const [referral, setReferral] = useState<AnswerReferral | null>(null);
  const [missing, setMissing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const abort = new AbortController();
    request(ReferralQuery, { id }, abort.signal).then(
      (data) => setReferral(data.referral),
      () => !abort.signal.aborted && setMissing(true),
    );
    return () => abort.abort();
  }, [id]);
  useLayoutEffect(() => heading.current?.focus(), [referral === null]);

  const back = (
    <p>
      <a href={inboxHref()}>← {t('inboxBack')}</a>
    </p>
  );
  if (missing)
    return (
      <>
        {back}
        <h1>{t('placeholder', { screen: 'inbox' })}</h1>
        <p role="alert">{t('inboxMissing')}</p>
      </>
    );
  if (!referral)
    return (
      <>
        {back}
        <p role="status">{t('loading')}</p>
      </>
    );
  return (
    <>
      {back}
      <h1 tabIndex={-1} ref={heading}>
        {referral.person?.displayName ??
          t('inboxUnnamed', { resource: referral.resource?.name ?? t('inboxUnknownListing') })}
      </h1>
      <ReferralFacts referral={referral} />
      <Steps referral={referral} onChange={setReferral} />
      <History referral={referral} />
    </>
  );
}

function ReferralFacts({ referral }: { referral: AnswerReferral }) {
  const { t, lang, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const { person } = referral;
  const consents = referral.consents.filter((c) => c.status === 'ACTIVE');
  return (
    <>
      <p class="status-line">
        <strong>{t('inboxStatus', { status: referral.status })}</strong>
        {referral.statusReasonCode && (
          <> · {t('inboxReason', { reason: referral.statusReasonCode })}</>
        )}
      </p>
      <dl class="facts">
        {referral.resource && (
          <>
            <dt>{t('inboxListing')}</dt>
            <dd>{referral.resource.name}</dd>
          </>
        )}
        <dt>{t('inboxUrgencyLabel')}</dt>
        <dd>{t('inboxUrgency', { urgency: referral.urgency })}</dd>
        <dt>{t('inboxLeavingLabel')}</dt>
        <dd>{t('inboxSetting', { setting: referral.setting })}</dd>
        {referral.expectedDischargeAt && (
          <>
            <dt>{t('inboxDischargeLabel')}</dt>
            <dd>{when.format(new Date(referral.expectedDischargeAt))}</dd>
          </>
        )}
        {referral.needs.length > 0 && (
          <>
            <dt>{t('inboxNeeds')}</dt>
            <dd>{needNames({ t, locale }, referral.needs)}</dd>
          </>
        )}
        {person && (
          <>
            <dt>{t('inboxLanguage')}</dt>
            <dd>
              {person.preferredLanguage
                ? describeLanguages([person.preferredLanguage], lang)
                : t('inboxNotSaid')}
            </dd>
            <dt>{t('inboxContact')}</dt>
            <dd>
              {referral.doNotContact || !person.contactAllowed
                ? t('inboxDoNotContact')
                : person.contact
                  ? t('inboxContactBy', { method: person.contactMethod, contact: person.contact })
                  : t('inboxContactNotShared')}
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="consent-heading" class="consent">
        <h2 id="consent-heading">{t('inboxConsentHeading')}</h2>
        {consents.length === 0 || !referral.personDisclosed ? (
          <p>{t('inboxNoConsent')}</p>
        ) : (
          <ul>
            {consents.map((consent) => (
              <li key={consent.id}>
                {t('inboxConsentShares', {
                  what: new Intl.ListFormat(locale, { type: 'conjunction' }).format(
                    consent.information.map((info) => t('inboxInformation', { info })),
                  ),
                  until: date.format(new Date(consent.expiresAt)),
                })}
              </li>
            ))}
          </ul>
        )}
        {person && <p class="notice">{person.redisclosureNotice}</p>}
      </section>
    </>
  );
}

function Steps({
  referral,
  onChange,
}: {
  referral: AnswerReferral;
  onChange: (referral: AnswerReferral) => void;
}) {
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState<Step | null>(null);
  const [reason, setReason] = useState<ReasonCode | ''>('');
  const [outcome, setOutcome] = useState<OutcomeCode | ''>('');
  const [words, setWords] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => noticeRef.current?.focus(), [notice]);
  useLayoutEffect(() => firstField.current?.focus(), [asking]);
  const steps = receiverSteps(referral.allowedTransitions);

  const move = async (to: Step) => {
    const needs = stepNeeds(to);
    setBusy(true);
    setNotice(null);
    try {
      const { transitionReferral } = await request(TransitionMutation, {
        id: referral.id,
        to,
        expectedVersion: referral.version,
        ...(needs.reason && reason ? { reasonCode: reason } : {}),
        ...(needs.outcome && outcome ? { outcome: { code: outcome } } : {}),
        ...(words.trim() ? { reason: words.trim() } : {}),
      });
      onChange(transitionReferral);
      setAsking(null);
      setWords('');
      setNotice({ kind: 'done', status: transitionReferral.status });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        // Someone else moved it: show what it is now instead of overwriting their step.
        const { referral: now } = await request(ReferralQuery, { id: referral.id });
        onChange(now);
        setAsking(null);
        const last = [...now.history].reverse().find((e) => e.kind === 'STATUS_CHANGED');
        setNotice({
          kind: 'conflict',
          status: now.status,
          role: (last?.actorRole ?? 'other').toLowerCase(),
          at: new Intl.DateTimeFormat(locale, { timeStyle: 'short', dateStyle: 'medium' }).format(
            new Date(last?.at ?? now.updatedAt),
          ),
        });
      } else setNotice({ kind: 'failed', field: error instanceof ApiError ? error.field : '' });
    } finally {
      setBusy(false);
    }
  };

  const choose = (to: Step) => {
    const needs = stepNeeds(to);
    if (!needs.reason && !needs.outcome) void move(to);
    else {
      setReason('');
      setOutcome('');
      setAsking(to);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (asking && !busy) void move(asking);
  };
  const needs = asking ? stepNeeds(asking) : null;
  const reasonInvalid = notice?.kind === 'failed' && notice.field === 'reasonCode';
  const outcomeInvalid = notice?.kind === 'failed' && !!notice.field?.startsWith('outcome');

  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">{t('inboxStepsHeading')}</h2>
      {notice && (
        <p
          ref={noticeRef}
          tabIndex={-1}
          id="step-notice"
          role={notice.kind === 'done' ? 'status' : 'alert'}
          class={notice.kind === 'done' ? 'done' : 'form-error'}
        >
          {notice.kind === 'done' && t('inboxMoved', { status: notice.status })}
          {notice.kind === 'conflict' &&
            t('inboxConflict', { status: notice.status, role: notice.role, at: notice.at })}
          {notice.kind === 'failed' && t('inboxStepFailed')}
        </p>
      )}
      {steps.length === 0 && <p>{t('inboxNoSteps')}</p>}
      {!asking && steps.length > 0 && (
        <ul class="actions steps">
          {steps.map((to) => (
            <li key={to}>
              <button
                type="button"
                class={to === steps[0] ? 'primary' : ''}
                disabled={busy}
                onClick={() => choose(to)}
              >
                {t('inboxStep', { to })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {asking && needs && (
        <form onSubmit={submit} class="step-form">
          <h3>{t('inboxStep', { to: asking })}</h3>
          {needs.reason && (
            <>
              <label for="step-reason">{t('inboxReasonLabel')}</label>
              <select
                id="step-reason"
                ref={firstField}
                required
                value={reason}
                aria-invalid={reasonInvalid || undefined}
                aria-describedby={reasonInvalid ? 'step-notice' : undefined}
                onChange={(e) => setReason(e.currentTarget.value as ReasonCode)}
              >
                <option value="">{t('inboxChoose')}</option>
                {REASON_CODES.map((code) => (
                  <option key={code} value={code}>
                    {t('inboxReason', { reason: code })}
                  </option>
                ))}
              </select>
            </>
          )}
          {needs.outcome && (
            <>
              <label for="step-outcome">{t('inboxOutcomeLabel')}</label>
              <select
                id="step-outcome"
                ref={needs.reason ? undefined : firstField}
                required
                value={outcome}
                aria-invalid={outcomeInvalid || undefined}
                aria-describedby={outcomeInvalid ? 'step-notice' : undefined}
                onChange={(e) => setOutcome(e.currentTarget.value as OutcomeCode)}
              >
                <option value="">{t('inboxChoose')}</option>
                {OUTCOMES.map((code) => (
                  <option key={code} value={code}>
                    {t('inboxOutcome', { outcome: code })}
                  </option>
                ))}
              </select>
            </>
          )}
          <label for="step-words">{t('inboxWords')}</label>
          <p class="hint" id="step-words-hint">
            {t('inboxWordsHint')}
          </p>
          <textarea
            id="step-words"
            rows={3}
            maxLength={1000}
            value={words}
            aria-describedby="step-words-hint"
            onInput={(e) => setWords(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('inboxStep', { to: asking })}
          </button>
          <button type="button" class="secondary" onClick={() => setAsking(null)}>
            {t('answerCancel')}
          </button>
        </form>
      )}
    </section>
  );
}

function History({ referral }: { referral: AnswerReferral }) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('inboxHistoryHeading')}</h2>
      <ol class="history">
        {referral.history.map((event) => (
          <li key={event.id}>
            <time dateTime={event.at}>{when.format(new Date(event.at))}</time>
            {' · '}
            {t('inboxEvent', { kind: event.kind, to: event.to ?? 'none' })}
            {event.reasonCode && <> · {t('inboxReason', { reason: event.reasonCode })}</>}
            {' · '}
            {t('inboxBy', { role: (event.actorRole ?? 'other').toLowerCase() })}
          </li>
        ))}
      </ol>
    </section>
  );
}
