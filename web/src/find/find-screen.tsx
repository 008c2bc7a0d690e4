import type { ComponentType } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { OfflineError, request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { navigate, type Route } from '../shared/router';
import { Filters } from './filters';
import { loadResults, saveResults } from './last-results';
import { NEED_KEYS } from './needs';
import { findPlace } from './places';
import { SearchQuery, type SearchHint, type SearchResult } from './queries';
import { ResultItem } from './result-item';
import {
  applyHint,
  hasCriteria,
  HINT_TOGGLE,
  parseSearch,
  searchHref,
  searchInput,
  type ActiveFilter,
  type SearchState,
} from './search-state';

type Status =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; result: SearchResult; referrals?: number; offlineSince?: string }
  | { kind: 'offline' }
  | { kind: 'failed' };

/**
 * The search's variables: a page of it (the first when no cursor), and, on the first page while the
 * "accepts referrals" filter is off, how many it would find with that filter on.
 */
function searchVariables(state: SearchState, after?: string) {
  const input = searchInput(state, 20, after);
  const countReferrals = !after && !state.toggles.acceptsReferrals;
  return {
    input,
    referralsInput: { ...input, acceptsReferrals: true, first: 1, after: undefined },
    countReferrals,
  };
}

/** The map's tile server, when the gateway has one (meta tags it adds to the page); else no map. */
const MAP = (() => {
  const meta = (name: string) =>
    document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
  const tileUrl = meta('map-tile-url');
  return tileUrl ? { tileUrl, attribution: meta('map-attribution') } : null;
})();

type MapViewType = ComponentType<{
  hits: SearchResult['hits'];
  tileUrl: string;
  attribution: string | null;
  onFail: () => void;
}>;

export function FindScreen({ route }: { route: Route }) {
  const { t, lang, locale } = useI18n();
  const state = parseSearch(route.query);
  const href = searchHref(state);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [more, setMore] = useState<SearchResult['hits']>([]);
  const [text, setText] = useState(state.text);
  const [placeText, setPlaceText] = useState(state.place?.label ?? '');
  const [placeProblem, setPlaceProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [view, setView] = useState<'list' | 'map' | 'mapFailed'>('list');
  const [mapView, setMapView] = useState<{ MapView: MapViewType } | null>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  /** Set by a search the reader started: once the results' section shows, focus moves there. */
  const focusResults = useRef(false);

  const go = (next: SearchState) => navigate(searchHref(next, route.query), true);

  // Before paint: a new search's address never shows the last search's results (they could be
  // tapped for one frame under the new heading), and the focus is on the results when keys come.
  useLayoutEffect(() => {
    if (focusResults.current) {
      focusResults.current = false;
      resultsHeading.current?.focus();
    }
    setText(state.text);
    setPlaceText(state.place?.label ?? '');
    setMore([]);
    if (!hasCriteria(state)) {
      setStatus({ kind: 'idle' });
      return;
    }
    const abort = new AbortController();
    setStatus({ kind: 'loading' });
    request(SearchQuery, searchVariables(state), abort.signal).then(
      ({ searchResources: result, referrals }) => {
        setNow(new Date());
        setStatus({ kind: 'done', result, referrals: referrals?.totalCount });
        saveResults(href, result);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof OfflineError) {
          const saved = loadResults();
          setStatus(
            saved?.href === href
              ? { kind: 'done', result: saved.result, offlineSince: saved.savedAt }
              : { kind: 'offline' },
          );
        } else setStatus({ kind: 'failed' });
      },
    );
    return () => abort.abort();
    // The address is the search: run it again whenever it changes.
  }, [href]);

  const submit = (event: Event) => {
    event.preventDefault();
    void (async () => {
      let place = state.place;
      if (placeText.trim() !== (state.place?.label ?? '')) {
        place = placeText.trim() ? await findPlace(placeText) : null;
        if (placeText.trim() && !place) {
          setPlaceProblem(t('placeNotFound', { place: placeText.trim() }));
          return;
        }
      }
      setPlaceProblem(null);
      focusResults.current = true;
      go({ ...state, text: text.trim(), place });
    })();
  };

  const nearMe = () => {
    if (!('geolocation' in navigator)) {
      setPlaceProblem(t('locationOff'));
      return;
    }
    setPlaceProblem(t('locating'));
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setPlaceProblem(null);
        focusResults.current = true;
        go({ ...state, place: { lat: coords.latitude, lng: coords.longitude, label: '' } });
      },
      () => setPlaceProblem(t('locationOff')),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const loadMore = async (after: string) => {
    const { searchResources } = await request(SearchQuery, searchVariables(state, after));
    setMore((hits) => [...hits, ...searchResources.hits]);
    if (status.kind === 'done')
      setStatus({
        ...status,
        result: { ...status.result, pageInfo: searchResources.pageInfo },
      });
  };

  const showMap = () => {
    setView('map');
    if (!mapView)
      import('./map-view').then(
        (m) => setMapView({ MapView: m.MapView }),
        () => setView('mapFailed'),
      );
  };
  const hits = status.kind === 'done' ? [...status.result.hits, ...more] : [];
  const onMap = view === 'map' && MAP !== null;

  const where = state.place
    ? state.place.label
      ? t('nearPlace', { place: state.place.label })
      : t('nearHere')
    : t('anywhere');

  return (
    <>
      <h1>{t('appTitle')}</h1>
      <form role="search" class="search" onSubmit={submit}>
        <label for="search-text">{t('search')}</label>
        <div class="row">
          <input
            id="search-text"
            type="search"
            name="q"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            placeholder={t('searchHint')}
            autocomplete="off"
            enterkeyhint="search"
          />
        </div>
        <fieldset class="where">
          <legend>{t('whereHeading')}</legend>
          <button type="button" class="secondary" onClick={nearMe}>
            {t('nearMe')}
          </button>
          <label for="search-place">{t('place')}</label>
          <input
            id="search-place"
            name="place"
            value={placeText}
            onInput={(e) => setPlaceText(e.currentTarget.value)}
            autocomplete="postal-code"
            aria-describedby={placeProblem ? 'place-problem' : undefined}
          />
          <p id="place-problem" class="problem" role="status">
            {placeProblem ?? ''}
          </p>
        </fieldset>
        <button type="submit" class="primary">
          {t('search')}
        </button>
      </form>

      <section aria-labelledby="needs-heading">
        <h2 id="needs-heading">{t('needsHeading')}</h2>
        <ul class="needs">
          {NEED_KEYS.map((need) => (
            <li key={need}>
              <button
                type="button"
                aria-pressed={state.need === need}
                onClick={() => {
                  focusResults.current = true;
                  go({ ...state, need: state.need === need ? null : need });
                }}
              >
                {t('need', { need })}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="results-heading" class="results" hidden={!hasCriteria(state)}>
        <h2 id="results-heading" tabIndex={-1} ref={resultsHeading}>
          {t('resultsHeading')}
          <span class="where-label"> · {where}</span>
        </h2>
        <div role="status" aria-live="polite">
          {status.kind === 'loading' && <p>{t('searching')}</p>}
          {status.kind === 'failed' && <p class="problem">{t('searchFailed')}</p>}
          {status.kind === 'offline' && <p class="problem">{t('offlineNothing')}</p>}
          {status.kind === 'done' && status.offlineSince && (
            <p class="problem">
              {t('offlineResults', {
                when: new Intl.DateTimeFormat(locale, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }).format(new Date(status.offlineSince)),
              })}
            </p>
          )}
          {status.kind === 'done' && status.result.totalCount > 0 && (
            <p>
              {t('resultCount', {
                count: status.result.totalCount,
                exact: String(status.result.totalCountExact),
              })}
            </p>
          )}
        </div>
        {status.kind === 'done' && (
          <Filters
            state={state}
            facets={status.result.facets}
            referrals={status.referrals}
            onChange={(next) => go(next)}
          />
        )}
        {status.kind === 'done' && status.result.totalCount === 0 && (
          <NoResults state={state} hints={status.result.hints} onChange={go} />
        )}
        {MAP && hits.length > 0 && (
          <div class="view-toggle" role="group" aria-label={t('viewAs')}>
            <button type="button" aria-pressed={!onMap} onClick={() => setView('list')}>
              {t('viewList')}
            </button>
            <button type="button" aria-pressed={onMap} onClick={showMap}>
              {t('viewMap')}
            </button>
          </div>
        )}
        {view === 'mapFailed' && hits.length > 0 && (
          <p class="problem" role="alert">
            {t('mapFailed')}
          </p>
        )}
        {onMap && hits.length > 0 && !mapView && <p role="status">{t('loading')}</p>}
        {onMap && hits.length > 0 && mapView && (
          <mapView.MapView
            hits={hits}
            tileUrl={MAP.tileUrl}
            attribution={MAP.attribution}
            onFail={() => setView('mapFailed')}
          />
        )}
        {!onMap && hits.length > 0 && (
          <ul class="result-list" lang={lang}>
            {hits.map((hit) => (
              <ResultItem
                key={`${hit.resource.id}:${hit.location?.id ?? ''}`}
                hit={hit}
                now={now}
              />
            ))}
          </ul>
        )}
        {status.kind === 'done' &&
          !onMap &&
          !status.offlineSince &&
          status.result.pageInfo.hasNextPage &&
          status.result.pageInfo.endCursor && (
            <button
              type="button"
              class="secondary"
              onClick={() => void loadMore(status.result.pageInfo.endCursor!)}
            >
              {t('showMore')}
            </button>
          )}
      </section>
    </>
  );
}

function NoResults({
  state,
  hints,
  onChange,
}: {
  state: SearchState;
  hints: SearchHint[];
  onChange: (next: SearchState) => void;
}) {
  const { t } = useI18n();
  const offers = hints.flatMap((hint) => {
    const next = hint.count > 0 ? applyHint(state, hint) : null;
    return next ? [{ hint, next }] : [];
  });
  return (
    <div class="no-results">
      <p>{t('noResults')}</p>
      {offers.length > 0 ? (
        <ul>
          {offers.map(({ hint, next }) => (
            <li key={hint.filter}>
              <button type="button" class="link" onClick={() => onChange(next)}>
                {hintLabel(t, state, hint)}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('tryFewerFilters')}</p>
      )}
    </div>
  );
}

/** "Without “Has beds”: 3 results", "Within 62 mi: 2 results", "Anywhere: 5 results". */
function hintLabel(
  t: ReturnType<typeof useI18n>['t'],
  state: SearchState,
  { filter, count, countExact, radiusKm }: SearchHint,
): string {
  const counted = { count, exact: String(countExact) };
  if (filter === 'NEAR')
    return radiusKm == null
      ? t('anywhereCount', counted)
      : t('withinDistance', { ...counted, miles: Math.round(radiusKm / KM_PER_MILE) });
  const name =
    filter === 'TEXT'
      ? state.text
      : filter === 'CATEGORIES'
        ? t('need', { need: state.need ?? 'other' })
        : filterLabel(t, state, HINT_TOGGLE[filter] ?? 'openNow');
  return t('withoutFilter', { ...counted, filter: name });
}

const KM_PER_MILE = 1.609344;

export function filterLabel(
  t: ReturnType<typeof useI18n>['t'],
  state: SearchState,
  filter: ActiveFilter,
): string {
  if (filter === 'speaks') return t('language');
  if (filter === 'serves') return state.serves ? t('population', { p: state.serves }) : '';
  return t('filter', { filter });
}
