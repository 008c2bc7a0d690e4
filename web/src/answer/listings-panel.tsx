import { useEffect, useRef, useState } from 'preact/hooks';
import { describeAge } from '../shared/format';
import { ApiError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { stepCount } from './lifecycle';
import { ListingEditor } from './listing-editor';
import {
  ListingsQuery,
  ResolveReportMutation,
  UpdateCapacityMutation,
  VerifyMutation,
  type OrgListing,
} from './queries';

type Capacity = NonNullable<OrgListing['sites'][number]['capacity']>;

/**
 * Beds and listings, in one screen: for each site of each listing, its count with − and + and Save,
 * when it was last counted; "Still accurate" in one tap, and the field reports to resolve.
 */
export function ListingsPanel({ org }: { org: string }) {
  const { t } = useI18n();
  const [listings, setListings] = useState<OrgListing[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    request(ListingsQuery, { org }, abort.signal).then(
      ({ organization }) => setListings(organization.resources),
      () => !abort.signal.aborted && setFailed(true),
    );
    return () => abort.abort();
  }, [org]);
  const replace = (next: OrgListing) =>
    setListings((all) => all?.map((l) => (l.id === next.id ? next : l)) ?? null);
  return (
    <section aria-labelledby="listings-heading">
      <h2 id="listings-heading">{t('bedsHeading')}</h2>
      {failed && <p role="alert">{t('answerLoadFailed')}</p>}
      {!listings && !failed && <p role="status">{t('loading')}</p>}
      {listings?.length === 0 && <p>{t('bedsNoListings')}</p>}
      {listings && listings.length > 0 && (
        <ul class="result-list">
          {listings.map((listing) => (
            <ListingCard key={listing.id} listing={listing} onChange={replace} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ListingCard({
  listing,
  onChange,
}: {
  listing: OrgListing;
  onChange: (listing: OrgListing) => void;
}) {
  const { t, locale } = useI18n();
  const [verifying, setVerifying] = useState(false);
  const [problem, setProblem] = useState(false);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const headingId = `listing-${listing.id}`;
  // Beds are counted where they are: one row per site that keeps a count.
  const counted = listing.sites.flatMap((site) =>
    site.capacity ? [{ site, capacity: site.capacity }] : [],
  );
  const verify = async () => {
    setVerifying(true);
    setProblem(false);
    try {
      const { verifyResource } = await request(VerifyMutation, {
        id: listing.id,
        expectedVersion: listing.version,
      });
      onChange({ ...listing, ...verifyResource });
    } catch {
      setProblem(true);
    } finally {
      setVerifying(false);
    }
  };
  return (
    <li class="result listing-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{listing.name}</h3>
      {counted.length > 0 ? (
        counted.map(({ site, capacity }) => (
          <BedRow
            key={site.location.id}
            id={`beds-${listing.id}-${site.location.id}`}
            site={listing.sites.length > 1 ? site.location.name : undefined}
            capacity={capacity}
            save={async (available) => {
              const { updateCapacity } = await request(UpdateCapacityMutation, {
                id: listing.id,
                locationId: site.location.id,
                input: { available },
              });
              onChange({ ...listing, ...updateCapacity });
            }}
          />
        ))
      ) : (
        <p class="hint">{t('bedsNoCount')}</p>
      )}
      <p class={listing.stale ? 'stale' : ''}>
        {listing.lastVerifiedAt
          ? t('listingVerified', {
              when: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
                new Date(listing.lastVerifiedAt),
              ),
            })
          : t('listingNeverVerified')}
        {listing.stale && <> · {t('notVerified')}</>}
      </p>
      <button type="button" class="secondary" disabled={verifying} onClick={() => void verify()}>
        {t('listingStillAccurate')}
      </button>
      {problem && (
        <p role="alert" class="problem">
          {t('answerSaveFailed')}
        </p>
      )}
      <button
        type="button"
        class="secondary"
        ref={editButton}
        aria-expanded={editing}
        onClick={() => {
          setEdited(false);
          setEditing(!editing);
        }}
      >
        {t('listingEdit')}
      </button>
      {editing && (
        <ListingEditor
          id={listing.id}
          onSaved={(version) => {
            onChange({ ...listing, version });
            setEditing(false);
            setEdited(true);
            editButton.current?.focus();
          }}
          onClose={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
        />
      )}
      <p role="status" class="done">
        {edited && t('listingEditSaved')}
      </p>
      {listing.openReports.length > 0 && (
        <Reports
          listing={listing}
          onResolved={(id) =>
            onChange({ ...listing, openReports: listing.openReports.filter((r) => r.id !== id) })
          }
        />
      )}
    </li>
  );
}

/** One count: − and + (never below 0 or above the maximum), the number itself, and Save. */
export function BedRow({
  id,
  site,
  capacity,
  save,
}: {
  id: string;
  /** The site's name, when the listing has several. */
  site?: string;
  capacity: Capacity;
  save: (available: number) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [count, setCount] = useState(capacity.available);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState('');
  useEffect(() => setCount(capacity.available), [capacity.available, capacity.updatedAt]);
  const unit = capacity.unit.toLowerCase();
  const changed = count !== capacity.available;
  const onSave = async () => {
    setState('saving');
    try {
      await save(count);
      setState('saved');
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : '');
      setState('failed');
    }
  };
  return (
    <div class="bed-row">
      <label for={id}>{site ? t('bedsCountAt', { unit, site }) : t('bedsCount', { unit })}</label>
      <div class="stepper">
        <button
          type="button"
          aria-label={t('bedsFewer', { unit })}
          aria-controls={id}
          onClick={() => setCount(stepCount(count, -1, capacity.maximum))}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={capacity.maximum ?? undefined}
          value={count}
          aria-describedby={`${id}-when`}
          aria-invalid={state === 'failed' || undefined}
          onInput={(e) => {
            const value = Number(e.currentTarget.value);
            if (Number.isInteger(value)) setCount(stepCount(value, 0, capacity.maximum));
          }}
        />
        <button
          type="button"
          aria-label={t('bedsMore', { unit })}
          aria-controls={id}
          onClick={() => setCount(stepCount(count, 1, capacity.maximum))}
        >
          +
        </button>
        <button
          type="button"
          class="save"
          disabled={state === 'saving'}
          onClick={() => void onSave()}
        >
          {t('bedsSave')}
        </button>
      </div>
      <p class="hint" id={`${id}-when`}>
        {capacity.maximum != null && <>{t('bedsOf', { maximum: capacity.maximum })} · </>}
        {describeAge(new Date(capacity.updatedAt), new Date(), lang)}
        {changed && <> · {t('bedsUnsaved')}</>}
      </p>
      <p role="status" class={state === 'failed' ? 'problem' : 'done'}>
        {state === 'saved' && t('bedsSaved', { count: capacity.available, unit })}
        {state === 'failed' && t('bedsFailed', { message })}
      </p>
    </div>
  );
}

function Reports({
  listing,
  onResolved,
}: {
  listing: OrgListing;
  onResolved: (id: string) => void;
}) {
  const { t, locale } = useI18n();
  const [failed, setFailed] = useState(false);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const resolve = async (id: string) => {
    setFailed(false);
    try {
      await request(ResolveReportMutation, { id, resolution: null });
      onResolved(id);
    } catch {
      setFailed(true);
    }
  };
  return (
    <div class="reports">
      <h4>{t('reportsHeading', { count: listing.openReports.length })}</h4>
      <ul>
        {listing.openReports.map((report) => (
          <li key={report.id}>
            <p>
              <strong>{t('reportKind', { kind: report.kind })}</strong>
              {report.location && <> · {report.location.name}</>} ·{' '}
              {date.format(new Date(report.createdAt))}
            </p>
            {report.message && <p>{report.message}</p>}
            <button type="button" class="secondary" onClick={() => void resolve(report.id)}>
              {t('reportResolve')}
            </button>
          </li>
        ))}
      </ul>
      {failed && (
        <p role="alert" class="problem">
          {t('answerSaveFailed')}
        </p>
      )}
    </div>
  );
}
