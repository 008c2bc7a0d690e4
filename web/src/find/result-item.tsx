import { useI18n } from '../shared/i18n';
import {
  describeCapacity,
  describeDistance,
  describeLanguages,
  describeOpenState,
} from '../shared/format';
import type { SearchHit } from './queries';

export function ResultItem({ hit, now }: { hit: SearchHit; now: Date }) {
  const { lang, t } = useI18n();
  const { resource, location } = hit;
  const href = `/listing/${encodeURIComponent(resource.id)}${
    location ? `?location=${encodeURIComponent(location.id)}` : ''
  }`;
  const open = location
    ? describeOpenState(
        {
          openNow: hit.openNow,
          closesAt: location.closesAt,
          nextOpenAt: hit.nextOpenAt,
          timeZone: location.timeZone,
        },
        now,
        lang,
      )
    : null;
  return (
    <li class="result">
      <h3 class="result-name">
        <a href={href}>{resource.name}</a>
      </h3>
      <p class="result-org">
        {resource.organization.name}
        {location?.address ? ` · ${location.address.city}` : ''}
        {hit.distanceKm != null ? ` · ${describeDistance(hit.distanceKm, lang)}` : ''}
      </p>
      {open && <p class={hit.openNow ? 'open' : 'closed'}>{open}</p>}
      {resource.capacity && (
        <p class={resource.capacity.available > 0 ? 'beds' : 'beds none'}>
          {describeCapacity(resource.capacity, now, lang)}
        </p>
      )}
      {resource.languages.length > 0 && (
        <p class="languages">
          {t('speaks', { languages: describeLanguages(resource.languages, lang) })}
        </p>
      )}
      {hit.stale && <p class="stale">⚠ {t('notVerified')}</p>}
    </li>
  );
}
