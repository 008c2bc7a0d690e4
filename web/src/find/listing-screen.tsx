import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signInHref } from '../account/signed-in';
import { savedListing } from '../saved/offline-copy';
import { ApiError, OfflineError, request } from '../shared/graphql';
import { loadMessages, useI18n } from '../shared/i18n';
import {
  clockOfDay,
  describeCapacity,
  describeLanguages,
  describeOpenState,
  describePhone,
  telHref,
} from '../shared/format';
import { movedWithinApp, type Route } from '../shared/router';
import { hasRole, useSession } from '../shared/session';
import { ListingQuery, type Listing } from './queries';

type Status =
  | { kind: 'loading' }
  /** keptAt: a saved listing's copy on the phone, shown when the network is gone. */
  | { kind: 'done'; listing: Listing; keptAt?: string }
  | { kind: 'missing' }
  | { kind: 'failed' };

const WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export function ListingScreen({ id, route }: { id: string; route: Route }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setStatus({ kind: 'loading' });
    request(ListingQuery, { id }, abort.signal).then(
      ({ resource }) => {
        setStatus({ kind: 'done', listing: resource });
        document.title = `${resource.name} · ${t('appTitle')}`;
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const kept = error instanceof OfflineError ? savedListing(id) : null;
        if (kept) {
          setStatus({ kind: 'done', ...kept });
          document.title = `${kept.listing.name} · ${t('appTitle')}`;
          return;
        }
        const missing =
          error instanceof ApiError && ['NOT_FOUND', 'BAD_USER_INPUT'].includes(error.code);
        setStatus({ kind: missing ? 'missing' : 'failed' });
      },
    );
    return () => abort.abort();
  }, [id]);

  const back = (
    <p class="no-print">
      <a href="/" onClick={backToResults}>
        ← {t('backToResults')}
      </a>
    </p>
  );
  if (status.kind === 'loading')
    return (
      <>
        {back}
        <p role="status">{t('loading')}</p>
      </>
    );
  if (status.kind !== 'done')
    return (
      <>
        {back}
        <h1>{t('appTitle')}</h1>
        <p role="alert">{t(status.kind === 'missing' ? 'listingMissing' : 'searchFailed')}</p>
      </>
    );
  return (
    <>
      {back}
      {status.keptAt && (
        <p class="problem" role="status">
          {t('savedOffline', {
            when: new Intl.DateTimeFormat(locale, {
              dateStyle: 'medium',
              timeStyle: 'short',
            }).format(new Date(status.keptAt)),
          })}
        </p>
      )}
      <ListingDetails
        listing={status.listing}
        locationId={route.query.get('location')}
        offline={Boolean(status.keptAt)}
      />
    </>
  );
}

type Panel = ComponentType<{ listing: Listing }>;

/**
 * Save: a signed-in peer opens the form (its own chunk, with its strings); anyone else is asked to
 * sign in and comes back here.
 */
function SaveAction({ listing, offline }: { listing: Listing; offline: boolean }) {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState<{ Panel: Panel } | null>(null);
  const [failed, setFailed] = useState(false);
  if (offline) return null;
  if (session.state === 'signedIn' && !hasRole(session, 'PEER')) return null;
  if (session.state !== 'signedIn')
    return (
      <li>
        <a class="button" href={signInHref()}>
          {t('signInToSave')}
        </a>
      </li>
    );
  const toggle = () => {
    setOpen(!open);
    if (panel) return;
    Promise.all([import('../saved/save-panel'), loadMessages('saved')]).then(
      ([m]) => setPanel({ Panel: m.SavePanel }),
      () => setFailed(true),
    );
  };
  return (
    <li class={open ? 'save-action open' : 'save-action'}>
      <button type="button" aria-expanded={open} onClick={toggle}>
        {t('save')}
      </button>
      {open && failed && <p role="alert">{t('screenLoadFailed')}</p>}
      {open && panel && <panel.Panel listing={listing} />}
    </li>
  );
}

/** Back returns to the results as they were (the search lives in the address). */
function backToResults(event: MouseEvent) {
  if (!movedWithinApp()) return;
  event.preventDefault();
  history.back();
}

function ListingDetails({
  listing,
  locationId,
  offline,
}: {
  listing: Listing;
  locationId: string | null;
  offline: boolean;
}) {
  const { t, lang, locale } = useI18n();
  const [shared, setShared] = useState(false);
  const now = new Date();
  const location = listing.locations.find((l) => l.id === locationId) ?? listing.locations[0];
  const phone = listing.phone ?? listing.organization.phone;
  const address = location?.address
    ? [
        location.address.address1,
        location.address.address2,
        `${location.address.city}, ${location.address.stateProvince} ${location.address.postalCode}`,
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  const open = location
    ? describeOpenState(
        {
          openNow: location.openNow,
          closesAt: location.closesAt,
          nextOpenAt: location.nextOpenAt,
          timeZone: location.timeZone,
        },
        now,
        lang,
      )
    : null;
  const essentials = [address, phone ? describePhone(phone) : null, open]
    .filter(Boolean)
    .join(' · ');
  const smsBody = t('smsBody', { name: listing.name, details: essentials });
  const hasPoint = location?.latitude != null && location.longitude != null;
  const point = hasPoint ? `${location.latitude},${location.longitude}` : null;
  const canShare = typeof navigator.share === 'function';
  const share = () => {
    navigator
      .share({ title: listing.name, text: smsBody, url: window.location.href })
      .then(() => setShared(true))
      .catch(() => undefined);
  };
  const dayName = (day: string) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day))),
    );

  return (
    <article class="listing">
      <h1>{listing.name}</h1>
      <p class="result-org">{listing.organization.name}</p>
      {open && <p class={location?.openNow ? 'open' : 'closed'}>{open}</p>}
      {listing.capacity && (
        <p class={listing.capacity.available > 0 ? 'beds' : 'beds none'}>
          {describeCapacity(listing.capacity, now, lang)}
        </p>
      )}
      {listing.stale && <p class="stale">⚠ {t('notVerified')}</p>}
      {phone && <p class="print-only">{describePhone(phone)}</p>}

      <ul class="actions no-print">
        {phone && (
          <li>
            <a class="button primary" href={telHref(phone)}>
              {t('call', { phone: describePhone(phone) })}
            </a>
          </li>
        )}
        {point && (
          <li>
            <a class="button" href={`geo:${point}?q=${point}(${encodeURIComponent(listing.name)})`}>
              {t('directions')}
            </a>
          </li>
        )}
        {point && (
          <li>
            <a
              class="button"
              href={`https://www.google.com/maps/dir/?api=1&destination=${point}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('openInMaps')}
            </a>
          </li>
        )}
        <li>
          <a class="button" href={`sms:?&body=${encodeURIComponent(smsBody)}`}>
            {t('textIt')}
          </a>
        </li>
        {canShare && (
          <li>
            <button type="button" onClick={share}>
              {t('share')}
            </button>
            {shared && <span role="status"> {t('shared')}</span>}
          </li>
        )}
        <li>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
        </li>
        <li>
          <a class="button" href={`/referrals/new?resource=${encodeURIComponent(listing.id)}`}>
            {t('refer')}
          </a>
        </li>
        <SaveAction listing={listing} offline={offline} />
      </ul>

      {listing.description && (
        <section>
          <h2>{t('about')}</h2>
          <p>{listing.description}</p>
        </section>
      )}
      {location && (
        <section>
          <h2>{t('address')}</h2>
          <p>
            {location.name}
            {address && (
              <>
                <br />
                {address}
              </>
            )}
          </p>
          {location.transitNotes && <p>{location.transitNotes}</p>}
          {location.accessibility && <p>{location.accessibility}</p>}
        </section>
      )}
      {location && location.schedule.weekly.length > 0 && (
        <section>
          <h2>{t('hours')}</h2>
          <ul class="hours">
            {location.schedule.weekly.map((slot) => (
              <li key={`${slot.day}${slot.opensAt}`}>
                {t('hoursLine', {
                  day: dayName(slot.day),
                  from: clockOfDay(slot.opensAt, lang),
                  to: clockOfDay(slot.closesAt, lang),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {listing.languages.length > 0 && (
        <p>{t('speaks', { languages: describeLanguages(listing.languages, lang) })}</p>
      )}
      {listing.populations.length > 0 && (
        <section>
          <h2>{t('whoItServes')}</h2>
          <p>{listing.populations.map((p) => t('population', { p })).join(' · ')}</p>
          {listing.eligibilityDescription && <p>{listing.eligibilityDescription}</p>}
        </section>
      )}
      {listing.applicationProcess && (
        <section>
          <h2>{t('howToApply')}</h2>
          <p>{listing.applicationProcess}</p>
        </section>
      )}
      {listing.requiredDocuments.length > 0 && (
        <section>
          <h2>{t('documents')}</h2>
          <ul>
            {listing.requiredDocuments.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </section>
      )}
      {listing.feesDescription && (
        <section>
          <h2>{t('fees')}</h2>
          <p>{listing.feesDescription}</p>
        </section>
      )}
      {listing.acceptsReferrals && <p>✓ {t('acceptsReferralsYes')}</p>}
      <section class="no-print">
        <h2>{t('reportProblem')}</h2>
        <p>
          <a href={signInHref()}>{t('signInToReport')}</a>
        </p>
      </section>
    </article>
  );
}
