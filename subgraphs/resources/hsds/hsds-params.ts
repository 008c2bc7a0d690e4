import { DateTime } from 'luxon';
import { BadUserInputError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from '../../kit/unsafe-text';

/** Page sizes: the HSDS OpenAPI file sets no default or maximum, so these are ours. */
export const HSDS_PAGING = { defaultPerPage: 50, maxPerPage: 100, maxPage: 100_000 } as const;

/** `proximity` is in meters, as the HSDS OpenAPI file says; as far as `searchResources` reaches (500 km). */
export const MAX_PROXIMITY_METERS = 500_000;

const MAX_TEXT = 200;

export interface Paging {
  page: number;
  perPage: number;
}

/** The filters HSDS defines for services and service_at_locations; they combine with AND. */
export interface ServiceFilter {
  search: string | null;
  taxonomyTermId: string | null;
  taxonomyId: string | null;
  organizationId: string | null;
  modifiedAfter: Date | null;
}

/** Our radius search on /service_at_locations: without `proximity`, only an order (nearest first). */
export interface Near {
  lat: number;
  long: number;
  proximityMeters: number | null;
}

type Query = Record<string, unknown>;

const PAGING = ['page', 'per_page', 'format'];
const FILTERS = ['search', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after'];

/** HSDS parameters we know but do not serve, with what to do instead. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  postcode: 'is not supported; send lat and long (and proximity, in meters) instead',
};

/**
 * The query parameters of one endpoint, checked: an unknown, repeated or unsupported parameter is
 * BAD_USER_INPUT naming it, since a filter we ignored would answer with the wrong listings.
 */
class Params {
  constructor(
    private readonly query: Query,
    accepted: readonly string[],
  ) {
    for (const [name, value] of Object.entries(query)) {
      if (UNSUPPORTED[name]) throw new BadUserInputError(UNSUPPORTED[name], name);
      if (!accepted.includes(name)) {
        const list = accepted.length
          ? `this endpoint accepts ${accepted.join(', ')}`
          : 'this endpoint takes no parameters';
        throw new BadUserInputError(`unknown parameter; ${list}`, name);
      }
      if (typeof value !== 'string') throw new BadUserInputError('give this parameter once', name);
      // Postgres refuses NUL in text: refused here, with the parameter's name, not as a 500.
      if (isUnsafeText(value)) throw new BadUserInputError(UNSAFE_TEXT_MESSAGE, name);
    }
    const format = this.text('format');
    if (format !== null && format !== 'json')
      throw new BadUserInputError('only json is served', 'format');
  }

  /** The trimmed value, or null when absent or empty. */
  text(name: string, max = MAX_TEXT): string | null {
    const value = (this.query[name] as string | undefined)?.trim();
    if (!value) return null;
    if (value.length > max) throw new BadUserInputError(`must be at most ${max} characters`, name);
    return value;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const value = this.text(name);
    if (value === null) return fallback;
    if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new BadUserInputError(`must be a whole number from ${min} to ${max}`, name);
    }
    return Number(value);
  }

  number(name: string, min: number, max: number, unit = ''): number | null {
    const value = this.text(name);
    if (value === null) return null;
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max))
      throw new BadUserInputError(`must be a number from ${min} to ${max}${unit}`, name);
    return n;
  }

  bool(name: string): boolean {
    const value = this.text(name);
    if (value === null) return false;
    if (value !== 'true' && value !== 'false')
      throw new BadUserInputError('must be true or false', name);
    return value === 'true';
  }

  uuid(name: string): string | null {
    const value = this.text(name);
    if (value !== null && !isUuid(value))
      throw new BadUserInputError(
        'must be a UUID such as 1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d',
        name,
      );
    return value?.toLowerCase() ?? null;
  }

  /** An ISO 8601 date or date-time; without an offset it is UTC. */
  dateTime(name: string): Date | null {
    // An unencoded "+02:00" arrives as " 02:00" (a + in a query string is a space).
    const value = this.text(name, 40)?.replace(
      /(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/i,
      '$1+$2',
    );
    if (value === undefined || value === null) return null;
    const parsed = /^\d{4}-\d{2}-\d{2}/.test(value)
      ? DateTime.fromISO(value, { zone: 'utc' })
      : null;
    if (!parsed?.isValid) {
      throw new BadUserInputError(
        'must be an ISO 8601 date or date-time such as 2025-01-31 or 2025-01-31T08:00:00Z',
        name,
      );
    }
    return parsed.toJSDate();
  }

  paging(): Paging {
    return {
      page: this.int('page', 1, HSDS_PAGING.maxPage, 1),
      perPage: this.int('per_page', 1, HSDS_PAGING.maxPerPage, HSDS_PAGING.defaultPerPage),
    };
  }

  filter(): ServiceFilter {
    return {
      search: this.text('search'),
      taxonomyTermId: this.text('taxonomy_term_id'),
      taxonomyId: this.text('taxonomy_id'),
      organizationId: this.uuid('organization_id'),
      modifiedAfter: this.dateTime('modified_after'),
    };
  }
}

export function parseServiceList(query: Query) {
  const p = new Params(query, [...FILTERS, ...PAGING, 'minimal', 'full']);
  return {
    paging: p.paging(),
    filter: p.filter(),
    full: p.bool('full'),
    minimal: p.bool('minimal'),
  };
}

export function parseServiceAtLocationList(query: Query) {
  const p = new Params(query, [...FILTERS, ...PAGING, 'full', 'lat', 'long', 'proximity']);
  const lat = p.number('lat', -90, 90);
  const long = p.number('long', -180, 180);
  const proximity = p.number('proximity', 1, MAX_PROXIMITY_METERS, ' (meters)');
  if (lat === null && long !== null) throw new BadUserInputError('is required with long', 'lat');
  if (long === null && lat !== null) throw new BadUserInputError('is required with lat', 'long');
  if (proximity !== null && lat === null)
    throw new BadUserInputError('needs lat and long: the point to measure from', 'proximity');
  const near: Near | null =
    lat !== null && long !== null ? { lat, long, proximityMeters: proximity } : null;
  return { paging: p.paging(), filter: p.filter(), full: p.bool('full'), near };
}

export function parseOrganizationList(query: Query) {
  const p = new Params(query, ['search', ...PAGING, 'full', 'full_service']);
  return {
    paging: p.paging(),
    search: p.text('search'),
    full: p.bool('full'),
    fullService: p.bool('full_service'),
  };
}

export function parseOrganizationDetail(query: Query) {
  return { fullService: new Params(query, ['full_service']).bool('full_service') };
}

export function parseTaxonomyList(query: Query) {
  const p = new Params(query, ['search', ...PAGING]);
  return { paging: p.paging(), search: p.text('search') };
}

export function parseTaxonomyTermList(query: Query) {
  const p = new Params(query, ['search', ...PAGING, 'taxonomy_id', 'top_only', 'parent_id']);
  return {
    paging: p.paging(),
    search: p.text('search'),
    taxonomyId: p.text('taxonomy_id'),
    topOnly: p.bool('top_only'),
    parentId: p.text('parent_id'),
  };
}

/** Detail endpoints take no parameters. */
export function parseNoParams(query: Query): void {
  new Params(query, []);
}
