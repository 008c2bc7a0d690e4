import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError, graphql, request, type ResultOf } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { navigate } from '../shared/router';
import type { Me } from '../shared/session';
import {
  CONTACT_METHODS,
  consentProblems,
  emptyForm,
  INFORMATION,
  METHODS,
  PERSON_FIELDS,
  personProblems,
  SETTINGS,
  SIGNERS,
  toInput,
  URGENCIES,
  type Field,
  type ReferralForm,
} from './draft';
import { Choice, controlId, described, FieldError, TextField, type Troubles } from './fields';
import { enqueue, localStore, newKey } from './outbox';
import { flushOutbox } from './send';

export const REFER_LISTING = graphql(`
  query ReferListing($id: ID!) {
    resource(id: $id) {
      id
      name
      acceptsReferrals
      organization {
        id
        name
      }
      categories {
        id
        name
      }
    }
  }
`);

type Listing = ResultOf<typeof REFER_LISTING>['resource'];
type Step = 'person' | 'consent' | 'review' | 'queued';

/** Languages offered for the person, named in the reader's language. */
const LANGUAGES = ['en', 'es', 'zh', 'vi', 'tl', 'ko', 'ru', 'fa', 'ar'];

/**
 * `/referrals/new?resource=<id>`: the person, what they need and when they leave; their consent,
 * element by element (42 CFR Part 2); a review; then sending, which survives a dropped signal.
 */
export function NewReferralScreen({ resourceId, me }: { resourceId: string; me: Me }) {
  const { t } = useI18n();
  const [listing, setListing] = useState<Listing | 'missing' | 'failed' | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    request(REFER_LISTING, { id: resourceId }, abort.signal).then(
      ({ resource }) => setListing(resource),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const missing =
          error instanceof ApiError && ['NOT_FOUND', 'BAD_USER_INPUT'].includes(error.code);
        setListing(missing ? 'missing' : 'failed');
      },
    );
    return () => abort.abort();
  }, [resourceId]);

  if (listing === null) return <p role="status">{t('loading')}</p>;
  if (listing === 'missing' || listing === 'failed' || !listing.acceptsReferrals)
    return (
      <>
        <h1>{t('referHeading')}</h1>
        <p role="alert">
          {t('referListingProblem', {
            problem: typeof listing === 'string' ? listing : 'closed',
          })}
        </p>
        <p>
          <a href="/">{t('findHelpLink')}</a>
        </p>
      </>
    );
  return <ReferralWizard listing={listing} me={me} />;
}

function ReferralWizard({ listing, me }: { listing: Listing; me: Me }) {
  const { t, locale } = useI18n();
  // One key per draft, made once: every retry of this referral is the same request to the API.
  const [key] = useState(newKey);
  const [step, setStep] = useState<Step>('person');
  const [form, setForm] = useState<ReferralForm>(() => ({
    ...emptyForm(new Date()),
    disclosingParty: me.organization?.name ?? '',
    needs: listing.categories.length === 1 ? [listing.categories[0].id] : [],
  }));
  const [troubles, setTroubles] = useState<Troubles>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const set = <K extends keyof ReferralForm>(name: K, value: ReferralForm[K]) =>
    setForm((current) => ({ ...current, [name]: value }));
  const toggle = (name: 'needs' | 'information', value: string, on: boolean) =>
    setForm((current) => ({
      ...current,
      [name]: on ? [...current[name], value] : current[name].filter((item) => item !== value),
    }));

  // A new step: its heading takes focus, so a screen reader starts there.
  // Before paint, so a key pressed as the step appears already starts from its heading.
  useLayoutEffect(() => heading.current?.focus(), [step]);

  const stop = (problems: Troubles) => {
    setTroubles(problems);
    const first = Object.keys(problems)[0] as Field | undefined;
    if (!first) return false;
    requestAnimationFrame(() => {
      summary.current?.scrollIntoView({ block: 'nearest' });
      const control =
        document.getElementById(controlId(first)) ??
        document.querySelector<HTMLElement>(`[data-field="${first}"] input`);
      control?.focus();
    });
    return true;
  };

  const next = (event: Event) => {
    event.preventDefault();
    const now = new Date();
    if (step === 'person' && !stop(personProblems(form, now))) setStep('consent');
    if (step === 'consent' && !stop(consentProblems(form, now))) setStep('review');
  };

  const send = async () => {
    const now = new Date();
    const problems = { ...personProblems(form, now), ...consentProblems(form, now) };
    if (Object.keys(problems).length > 0) {
      setStep(
        Object.keys(problems).some((f) => PERSON_FIELDS.includes(f as Field))
          ? 'person'
          : 'consent',
      );
      setTroubles(problems);
      return;
    }
    setBusy(true);
    setFailure(null);
    const store = localStore();
    enqueue(store, { key, resourceName: listing.name, input: toInput(form, listing.id, now) });
    const result = (await flushOutbox()).get(key);
    setBusy(false);
    if (result?.kind === 'sent') {
      navigate(`/referrals/${encodeURIComponent(result.id)}?sent=1`);
      return;
    }
    if (result?.kind === 'refused') {
      const { field, message, code } = result.refusal;
      const known = [...PERSON_FIELDS, ...Object.keys(consentProblems(emptyForm(now), now))];
      if (field && known.includes(field)) {
        setStep(PERSON_FIELDS.includes(field as Field) ? 'person' : 'consent');
        stop({ [field]: { api: message } });
      } else setFailure(t('referRefused', { code, message }));
      return;
    }
    // Not reached (offline, server down) or another tab is sending it: it waits on this device.
    setStep('queued');
  };

  const stepNumber = { person: 1, consent: 2, review: 3, queued: 3 }[step];
  const count = Object.keys(troubles).length;
  const dateText = (day: string) =>
    day ? new Date(`${day}T12:00:00`).toLocaleDateString(locale, { dateStyle: 'long' }) : '—';
  const languageName = (code: string) =>
    new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  const name = form.displayName.trim() || t('referThePerson');

  return (
    <>
      <h1>{t('referHeading')}</h1>
      <p>{t('referTo', { resource: listing.name, organization: listing.organization.name })}</p>
      {step !== 'queued' && <p class="hint">{t('referStep', { step: stepNumber, steps: 3 })}</p>}
      {count > 0 && (
        <p class="form-error" role="alert" ref={summary}>
          {t('referCheckFields', { count })}
        </p>
      )}

      {step === 'person' && (
        <form onSubmit={next} noValidate>
          <h2 ref={heading} tabIndex={-1} id="step-heading">
            {t('referPersonHeading')}
          </h2>
          <TextField
            field="person.displayName"
            label={t('referDisplayName')}
            hint={t('referDisplayNameHint')}
            value={form.displayName}
            onInput={(value) => set('displayName', value)}
            troubles={troubles}
            autoComplete="off"
          />
          <label for="field-language">{t('referLanguage')}</label>
          <select
            id="field-language"
            value={form.preferredLanguage}
            onChange={(event) => set('preferredLanguage', event.currentTarget.value)}
          >
            <option value="">{t('referLanguageNone')}</option>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
          <Choice
            name="contact-method"
            legend={t('referContactMethod')}
            options={CONTACT_METHODS}
            value={form.contactMethod}
            onChange={(value) => set('contactMethod', value)}
            label={(method) => t('referContactOption', { method })}
          />
          {form.contactMethod !== 'THROUGH_REFERRER' && (
            <TextField
              field="person.contact"
              label={t('referPhone')}
              value={form.contact}
              onInput={(value) => set('contact', value)}
              troubles={troubles}
              type="tel"
              autoComplete="off"
            />
          )}
          <fieldset
            data-field="needs"
            aria-describedby={troubles.needs ? 'error-needs' : undefined}
          >
            <legend>{t('referNeeds')}</legend>
            {listing.categories.map((category) => (
              <label class="check" key={category.id}>
                <input
                  type="checkbox"
                  checked={form.needs.includes(category.id)}
                  aria-invalid={troubles.needs ? true : undefined}
                  onChange={(event) => toggle('needs', category.id, event.currentTarget.checked)}
                />
                {category.name}
              </label>
            ))}
            <FieldError field="needs" troubles={troubles} />
          </fieldset>
          <label for="field-setting">{t('referSetting')}</label>
          <select
            id="field-setting"
            value={form.setting}
            onChange={(event) =>
              set('setting', event.currentTarget.value as ReferralForm['setting'])
            }
          >
            {SETTINGS.map((setting) => (
              <option key={setting} value={setting}>
                {t('referSettingOption', { setting })}
              </option>
            ))}
          </select>
          <TextField
            field="expectedDischargeAt"
            label={t('referDischarge')}
            hint={t('referDischargeHint')}
            value={form.expectedDischarge}
            onInput={(value) => set('expectedDischarge', value)}
            troubles={troubles}
            type="date"
          />
          <Choice
            name="urgency"
            legend={t('referUrgency')}
            options={URGENCIES}
            value={form.urgency}
            onChange={(value) => set('urgency', value)}
            label={(urgency) => t('referUrgencyOption', { urgency })}
          />
          <TextField
            field="notes"
            label={t('referNotes')}
            hint={t('referNotesHint')}
            value={form.notes}
            onInput={(value) => set('notes', value)}
            troubles={troubles}
            multiline
          />
          <button class="primary" type="submit">
            {t('referNext')}
          </button>
        </form>
      )}

      {step === 'consent' && (
        <form onSubmit={next} noValidate>
          <h2 ref={heading} tabIndex={-1} id="step-heading">
            {t('referConsentHeading')}
          </h2>
          <p>{t('referConsentLead', { name })}</p>
          <ol class="consent-steps">
            <li>
              <TextField
                field="consent.disclosingParty"
                label={t('referWho')}
                hint={t('referWhoHint')}
                value={form.disclosingParty}
                onInput={(value) => set('disclosingParty', value)}
                troubles={troubles}
              />
            </li>
            <li>
              <fieldset
                data-field="consent.information"
                aria-describedby={
                  troubles['consent.information'] ? 'error-consent-information' : undefined
                }
              >
                <legend>{t('referWhat')}</legend>
                {INFORMATION.map((item) => (
                  <label class="check" key={item}>
                    <input
                      type="checkbox"
                      checked={form.information.includes(item)}
                      aria-invalid={troubles['consent.information'] ? true : undefined}
                      onChange={(event) => toggle('information', item, event.currentTarget.checked)}
                    />
                    {t('referInformation', { item })}
                  </label>
                ))}
                <FieldError field="consent.information" troubles={troubles} />
              </fieldset>
            </li>
            <li>
              <p class="label">{t('referToWhom')}</p>
              <p>{t('referToWhomText', { organization: listing.organization.name })}</p>
            </li>
            <li>
              <TextField
                field="consent.purpose"
                label={t('referWhy')}
                hint={t('referWhyHint')}
                value={form.purpose}
                onInput={(value) => set('purpose', value)}
                troubles={troubles}
              />
            </li>
            <li>
              <TextField
                field="consent.expiresAt"
                label={t('referUntil')}
                hint={t('referUntilHint')}
                value={form.expiresOn}
                onInput={(value) => set('expiresOn', value)}
                troubles={troubles}
                type="date"
              />
            </li>
            <li>
              <p class="label">{t('referRevoke')}</p>
              <p id="revoke-text">{t('referRevokeText', { name })}</p>
              <label class="check">
                <input
                  id={controlId('consent.revocationAcknowledged')}
                  type="checkbox"
                  checked={form.revocationAcknowledged}
                  onChange={(event) => set('revocationAcknowledged', event.currentTarget.checked)}
                  {...described('consent.revocationAcknowledged', troubles, 'revoke-text')}
                />
                {t('referRevokeTold', { name })}
              </label>
              <FieldError field="consent.revocationAcknowledged" troubles={troubles} />
            </li>
            <li>
              <Choice
                name="consent-method"
                legend={t('referHow')}
                options={METHODS}
                value={form.method}
                onChange={(value) => set('method', value)}
                label={(method) => t('referMethod', { method })}
              />
              <Choice
                name="consent-signer"
                legend={t('referSigner')}
                options={SIGNERS}
                value={form.signedBy}
                onChange={(value) => set('signedBy', value)}
                label={(signer) => t('referSignerOption', { signer, name })}
              />
              {form.signedBy === 'AUTHORIZED_REPRESENTATIVE' && (
                <TextField
                  field="consent.representativeRelationship"
                  label={t('referRelationship')}
                  hint={t('referRelationshipHint')}
                  value={form.representativeRelationship}
                  onInput={(value) => set('representativeRelationship', value)}
                  troubles={troubles}
                />
              )}
              <TextField
                field="consent.signedAt"
                label={t('referSignedOn')}
                value={form.signedOn}
                onInput={(value) => set('signedOn', value)}
                troubles={troubles}
                type="date"
              />
            </li>
          </ol>
          <p class="notice">{t('referRedisclosure')}</p>
          <button class="primary" type="submit">
            {t('referNext')}
          </button>
          <button type="button" class="secondary" onClick={() => setStep('person')}>
            {t('referBack')}
          </button>
        </form>
      )}

      {step === 'review' && (
        <section>
          <h2 ref={heading} tabIndex={-1} id="step-heading">
            {t('referReviewHeading')}
          </h2>
          <dl class="review">
            <dt>{t('referDisplayName')}</dt>
            <dd>{form.displayName}</dd>
            <dt>{t('referLanguage')}</dt>
            <dd>
              {form.preferredLanguage
                ? languageName(form.preferredLanguage)
                : t('referLanguageNone')}
            </dd>
            <dt>{t('referContactMethod')}</dt>
            <dd>
              {t('referContactOption', { method: form.contactMethod })}
              {form.contactMethod !== 'THROUGH_REFERRER' && ` · ${form.contact}`}
            </dd>
            <dt>{t('referNeeds')}</dt>
            <dd>
              {listing.categories
                .filter((category) => form.needs.includes(category.id))
                .map((category) => category.name)
                .join(', ')}
            </dd>
            <dt>{t('referSetting')}</dt>
            <dd>{t('referSettingOption', { setting: form.setting })}</dd>
            <dt>{t('referDischarge')}</dt>
            <dd>{dateText(form.expectedDischarge)}</dd>
            <dt>{t('referUrgency')}</dt>
            <dd>{t('referUrgencyOption', { urgency: form.urgency })}</dd>
            {form.notes && (
              <>
                <dt>{t('referNotes')}</dt>
                <dd>{form.notes}</dd>
              </>
            )}
            <dt>{t('referConsentHeading')}</dt>
            <dd>
              {t('referConsentSummary', {
                who: form.disclosingParty,
                organization: listing.organization.name,
                until: dateText(form.expiresOn),
              })}
              <br />
              {form.information.map((item) => t('referInformation', { item })).join('; ')}
            </dd>
          </dl>
          <p class="notice">{t('referDeviceNotice')}</p>
          {failure && (
            <p class="form-error" role="alert">
              {failure}
            </p>
          )}
          <button class="primary" type="button" disabled={busy} onClick={() => void send()}>
            {busy ? t('referSending') : t('referSend')}
          </button>
          <button type="button" class="secondary" onClick={() => setStep('consent')}>
            {t('referBack')}
          </button>
        </section>
      )}

      {step === 'queued' && (
        <section>
          <h2 ref={heading} tabIndex={-1} id="step-heading">
            {t('referQueuedHeading')}
          </h2>
          <p role="status">{t('referQueued', { name: form.displayName })}</p>
          <p>
            <a href="/referrals">{t('referMyReferrals')}</a>
          </p>
        </section>
      )}
    </>
  );
}
