import { useI18n } from '../shared/i18n';
import { isPopulation, POPULATIONS, type SearchResult } from './queries';
import { TOGGLES, type SearchState, type Toggle } from './search-state';

type Facets = SearchResult['facets'];

const countOf = (facets: Facets, field: string, value: string): number | undefined =>
  facets.find((f) => f.field === field)?.values.find((v) => v.value === value)?.count;

/** Where each yes/no filter finds its count among the API's facets (referrals: counted apart). */
const TOGGLE_FACET: Record<Toggle, [string, string] | null> = {
  openNow: ['OPEN_NOW', 'true'],
  hasBeds: ['HAS_CAPACITY', 'true'],
  acceptsReferrals: null,
  mediCal: ['INSURANCE', 'MEDI_CAL'],
};

/** Filters with how many results each would leave, from the facets of the current search. */
export function Filters({
  state,
  facets,
  referrals,
  onChange,
}: {
  state: SearchState;
  facets: Facets;
  /** How many would accept referrals (the API has no facet for it: the screen counts it). */
  referrals?: number;
  onChange: (next: SearchState) => void;
}) {
  const { t, locale } = useI18n();
  const languageNames = new Intl.DisplayNames([locale], { type: 'language' });
  const languages = facets.find((f) => f.field === 'LANGUAGE')?.values ?? [];
  const populations = (facets.find((f) => f.field === 'POPULATION')?.values ?? []).filter((v) =>
    isPopulation(v.value),
  );
  const labelled = (label: string, count: number | undefined) =>
    count === undefined ? label : t('withCount', { label, count });
  const active = TOGGLES.some((toggle) => state.toggles[toggle]) || state.speaks || state.serves;

  return (
    <section aria-labelledby="filters-heading" class="filters">
      <h3 id="filters-heading">{t('filters')}</h3>
      <ul class="toggles">
        {TOGGLES.map((toggle) => {
          const facet = TOGGLE_FACET[toggle];
          const count = facet ? (countOf(facets, facet[0], facet[1]) ?? 0) : referrals;
          return (
            <li key={toggle}>
              <label>
                <input
                  type="checkbox"
                  checked={state.toggles[toggle]}
                  onChange={(e) =>
                    onChange({
                      ...state,
                      toggles: { ...state.toggles, [toggle]: e.currentTarget.checked },
                    })
                  }
                />{' '}
                {labelled(
                  t('filter', { filter: toggle }),
                  state.toggles[toggle] ? undefined : count,
                )}
              </label>
            </li>
          );
        })}
      </ul>
      <div class="selects">
        <label for="filter-language">{t('language')}</label>
        <select
          id="filter-language"
          value={state.speaks ?? ''}
          onChange={(e) => onChange({ ...state, speaks: e.currentTarget.value || null })}
        >
          <option value="">{t('anyOption')}</option>
          {languages.map(({ value, count }) => (
            <option key={value} value={value}>
              {labelled(languageNames.of(value) ?? value, count)}
            </option>
          ))}
          {state.speaks && !languages.some((l) => l.value === state.speaks) && (
            <option value={state.speaks}>{languageNames.of(state.speaks) ?? state.speaks}</option>
          )}
        </select>
        <label for="filter-serves">{t('whoItServes')}</label>
        <select
          id="filter-serves"
          value={state.serves ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange({ ...state, serves: isPopulation(value) ? value : null });
          }}
        >
          <option value="">{t('anyOption')}</option>
          {POPULATIONS.filter(
            (p) => p === state.serves || populations.some((v) => v.value === p),
          ).map((p) => (
            <option key={p} value={p}>
              {labelled(t('population', { p }), populations.find((v) => v.value === p)?.count)}
            </option>
          ))}
        </select>
      </div>
      {active && (
        <button
          type="button"
          class="link"
          onClick={() =>
            onChange({
              ...state,
              toggles: { openNow: false, hasBeds: false, acceptsReferrals: false, mediCal: false },
              speaks: null,
              serves: null,
            })
          }
        >
          {t('clearFilters')}
        </button>
      )}
    </section>
  );
}
