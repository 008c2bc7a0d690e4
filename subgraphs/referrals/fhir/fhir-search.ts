import type { FilterQuery } from '@mikro-orm/core';
import { isUuid } from '../../kit/ids';
import { fhirTaskStatus } from '../referral/referral-lifecycle';
import type { Referral } from '../referral/referral.entity';
import { ReferralStatus } from '../referral/referral.enums';
import type { ReferralFilter } from '../referral/referral.inputs';
import { FhirError } from './fhir-rest';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 50;

/** A Task search, as the referral list takes it, and the parameters that made it (for links). */
export interface TaskSearch {
  filter: ReferralFilter;
  /** `_lastUpdated`: conditions on the referral's last change. */
  scope: FilterQuery<Referral>;
  count: number;
  /** Where the page starts: the `_cursor` of a `next` link. */
  cursor: string | null;
  /** The search parameters as given, without `_cursor`, in order. */
  params: [string, string][];
}

const STATUS_OF: ReadonlyMap<string, ReferralStatus> = new Map(
  Object.values(ReferralStatus).map((s) => [fhirTaskStatus(s), s]),
);
const KNOWN = new Set(['owner', 'status', '_lastUpdated', '_count', '_cursor', '_format']);
const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json']);
/** A FHIR dateTime, to the day or the second (UTC when it names no offset). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const bad = (message: string) => new FhirError(400, 'invalid', message);

function lastUpdated(value: string): FilterQuery<Referral> {
  const match = /^(ge|gt|le|lt)(.+)$/.exec(value);
  if (!match)
    throw bad('_lastUpdated: give a prefix ge, gt, le or lt and a date (e.g. ge2026-12-01)');
  const [, prefix, when] = match;
  const parts = DATE_TIME.exec(when);
  const at = parts ? new Date(parts[2] && !parts[5] ? `${when}Z` : when) : null;
  if (!at || Number.isNaN(at.getTime())) throw bad(`_lastUpdated: ${when} is not a FHIR dateTime`);
  const op = { ge: '$gte', gt: '$gt', le: '$lte', lt: '$lt' }[prefix as 'ge' | 'gt' | 'le' | 'lt'];
  return { updatedAt: { [op]: at } };
}

/**
 * `GET /fhir/Task?owner=&status=&_lastUpdated=&_count=`: each parameter once (`_lastUpdated` up to
 * twice, a range), anything else refused with 400 rather than ignored, so a client never takes an
 * unfiltered list for a filtered one.
 */
export function parseTaskSearch(originalUrl: string): TaskSearch {
  const query = new URL(originalUrl, 'http://x').searchParams;
  const params: [string, string][] = [];
  const seen = new Map<string, number>();
  for (const [name, value] of query) {
    if (!KNOWN.has(name)) throw bad(`${name}: this server does not support this search parameter`);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n > (name === '_lastUpdated' ? 2 : 1)) throw bad(`${name}: give it once`);
    if (name !== '_cursor') params.push([name, value]);
  }
  const filter: ReferralFilter = {};
  const owner = query.get('owner');
  if (owner !== null) {
    const id = owner.replace(/^Organization\//, '');
    if (!isUuid(id))
      throw bad('owner: must be Organization/[id] with an organization id of the hub');
    filter.organizationId = id.toLowerCase();
  }
  const status = query.get('status');
  if (status !== null) {
    filter.status = status.split(',').map((s) => {
      const known = STATUS_OF.get(s.trim());
      if (!known) throw bad(`status: ${JSON.stringify(s)} is not a Task status`);
      return known;
    });
  }
  const scope = query.getAll('_lastUpdated').map(lastUpdated);
  const countParam = query.get('_count');
  const count = countParam === null ? DEFAULT_COUNT : Number(countParam);
  if (
    !/^\d+$/.test(countParam ?? '0') ||
    !Number.isInteger(count) ||
    count < 1 ||
    count > MAX_COUNT
  )
    throw bad(`_count: must be a whole number from 1 to ${MAX_COUNT}`);
  const format = query.get('_format');
  if (format !== null && !JSON_FORMATS.has(format))
    throw new FhirError(406, 'not-supported', '_format: this server answers in JSON only');
  return {
    filter,
    scope: scope.length ? { $and: scope } : {},
    count,
    cursor: query.get('_cursor'),
    params,
  };
}

/** `self` and `next` of a searchset page. */
export function searchLinks(
  base: string,
  search: TaskSearch,
  nextCursor: string | null,
): { self: string; next?: string } {
  const url = (cursor: string | null) => {
    const q = new URLSearchParams(search.params);
    if (cursor) q.set('_cursor', cursor);
    const s = q.toString();
    return `${base}/Task${s ? `?${s}` : ''}`;
  };
  return { self: url(search.cursor), ...(nextCursor ? { next: url(nextCursor) } : {}) };
}
