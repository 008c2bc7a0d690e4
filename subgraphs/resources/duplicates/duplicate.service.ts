import { ref } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import { isAdmin, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../../kit/pagination';
import type { HistoryService } from '../history/history.service';
import { ResourceStatus } from '../resource/resource.enums';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import { SiteCapacity } from '../resource/site-capacity.entity';
import { firstSite, totalCapacity } from '../resource/site-capacity';
import { query } from '../sql';
import {
  DuplicateReasonKind,
  type DuplicateCandidate,
  type DuplicateReason,
} from './duplicate.types';

const DIGITS = (column: string) => `right(regexp_replace(${column}, '[^0-9]', '', 'g'), 10)`;
/** The street line as the migration's street_key() normalises it (and its index holds it). */
const STREET = (table: string) => `street_key(${table}."address_address1")`;
/** Two sites this close (metres) are one place for our purpose: geocoders disagree by about this. */
const NEAR_METRES = 150;
/** Any pair needs names at least this alike (pg_trgm's default threshold). */
const ALIKE = 0.3;
/** A pair with nothing in common but the name needs names this alike to be listed. */
const NAME_ONLY = 0.8;

/**
 * Runs `fn` in a transaction whose pg_trgm `%` means "NAME_ONLY alike", as DUPLICATE_PAIRS_SQL
 * expects: the trigram index then prunes by that threshold itself, instead of handing back every
 * listing whose name is merely alike (0.3) for each one to be rechecked.
 */
export function withNameThreshold<T>(knex: Knex, fn: (trx: Knex.Transaction) => Promise<T>) {
  return knex.transaction(async (trx) => {
    await trx.raw(`set local pg_trgm.similarity_threshold = ${NAME_ONLY}`);
    return fn(trx);
  });
}

/**
 * Pairs of live listings that share something, each found through an index (the phone digits, the
 * street line, the point, the name's trigrams) rather than by comparing every listing with every
 * other; then scored. Names must be alike (similarity 0.3 or more) for any pair: a clinic and a
 * shelter in one building with one switchboard are two programs, not one. Run it through
 * withNameThreshold.
 *
 * A pair found by its name alone is listed only when the names are NAME_ONLY alike (the phone,
 * street and point branches find every pair that shares more), so that branch asks the trigram
 * index for those only: a directory where dozens of listings are called "Food Pantry" otherwise
 * scores every such pair. It compares ids with `<>`, not `>`: with `>` the planner walked the
 * primary key from each listing and tested every later name, quadratic (BENCHMARKS.md).
 * `features` is materialized: inlined, its street and distance subqueries ran once for every place
 * the scoring and the filter name them, several times per pair.
 */
export const DUPLICATE_PAIRS_SQL = `
with pairs as (
  select a.id as a, b.id as b from resource a
  join resource b on ${DIGITS('b.phone')} = ${DIGITS('a.phone')} and b.id > a.id
    and b.merged_into is null and b.phone is not null
  where a.merged_into is null and a.phone is not null and length(${DIGITS('a.phone')}) >= 7
  union
  select least(a.id, b.id), greatest(a.id, b.id) from resource a
  join resource b on lower(b.name) % lower(a.name) and b.id <> a.id and b.merged_into is null
  where a.merged_into is null
  union
  select least(ra.resource_id, rb.resource_id), greatest(ra.resource_id, rb.resource_id)
  from location la
  join location lb on ${STREET('lb')} = ${STREET('la')}
    and left(lb.address_postal_code, 5) = left(la.address_postal_code, 5)
  join resource_location ra on ra.location_id = la.id
  join resource_location rb on rb.location_id = lb.id and rb.resource_id <> ra.resource_id
  where la.address_address1 is not null
  union
  select least(ra.resource_id, rb.resource_id), greatest(ra.resource_id, rb.resource_id)
  from location la
  join location lb on earth_box(ll_to_earth(la.latitude, la.longitude), ${NEAR_METRES}) @> ll_to_earth(lb.latitude, lb.longitude)
  join resource_location ra on ra.location_id = la.id
  join resource_location rb on rb.location_id = lb.id and rb.resource_id <> ra.resource_id
  where la.latitude is not null and la.longitude is not null and lb.latitude is not null
),
features as materialized (
  select p.a, p.b,
    similarity(lower(ra.name), lower(rb.name)) as name_similarity,
    case when length(${DIGITS('ra.phone')}) >= 7 and ${DIGITS('ra.phone')} = ${DIGITS('rb.phone')}
      then ${DIGITS('ra.phone')} end as phone,
    (select min(la.address_address1) from resource_location xa
      join location la on la.id = xa.location_id
      join resource_location xb on xb.resource_id = p.b
      join location lb on lb.id = xb.location_id
      where xa.resource_id = p.a and la.address_address1 is not null
        and ${STREET('lb')} = ${STREET('la')}
        and left(lb.address_postal_code, 5) = left(la.address_postal_code, 5)) as street,
    (select min(earth_distance(ll_to_earth(la.latitude, la.longitude), ll_to_earth(lb.latitude, lb.longitude)))
      from resource_location xa join location la on la.id = xa.location_id
      join resource_location xb on xb.resource_id = p.b join location lb on lb.id = xb.location_id
      where xa.resource_id = p.a and la.latitude is not null and lb.latitude is not null) as metres
  from pairs p
  join resource ra on ra.id = p.a and ra.merged_into is null
  join resource rb on rb.id = p.b and rb.merged_into is null
  where similarity(lower(ra.name), lower(rb.name)) >= ${ALIKE}
),
scored as (
  select f.*, round((1 - (1 - 0.6 * f.name_similarity)
    * (case when f.phone is not null then 0.4 else 1 end)
    * (case when f.street is not null or f.metres <= 50 then 0.5
            when f.metres <= ${NEAR_METRES} then 0.7 else 1 end))::numeric, 4) as score
  from features f
)
select * from (
  select a::text as a, b::text as b, name_similarity, phone, street, metres, score::float8 as score,
    count(*) over () as total
  from scored
  where score >= 0.5 and (phone is not null or street is not null or metres <= ${NEAR_METRES} or name_similarity >= ${NAME_ONLY})
) c
where ?::float8 is null or c.score < ?::float8 or (c.score = ?::float8 and (c.a, c.b) > (?, ?))
order by c.score desc, c.a, c.b
limit ?`;

interface PairRow {
  a: string;
  b: string;
  name_similarity: number;
  phone: string | null;
  street: string | null;
  metres: number | null;
  score: number;
  total: string;
}

type Cursor = { score: number; a: string; b: string };

function reasonsOf(row: PairRow): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (row.phone) reasons.push({ kind: DuplicateReasonKind.SAME_PHONE, detail: row.phone });
  if (row.street) reasons.push({ kind: DuplicateReasonKind.SAME_ADDRESS, detail: row.street });
  else if (row.metres !== null && row.metres <= NEAR_METRES)
    reasons.push({ kind: DuplicateReasonKind.NEARBY, detail: `${Math.round(row.metres)} m apart` });
  reasons.push({
    kind: DuplicateReasonKind.SIMILAR_NAME,
    detail: `name similarity ${row.name_similarity.toFixed(2)}`,
  });
  return reasons;
}

/** Likely duplicates across feeds, and merging two listings into one: directory admins only. */
export class DuplicateService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly history: HistoryService,
  ) {}

  private assertAdmin(what: string): void {
    if (!this.identity.sub) throw new UnauthenticatedError();
    if (!isAdmin(this.identity)) throw new ForbiddenError(`Only directory admins may ${what}.`);
  }

  async candidates(
    first?: number | null,
    after?: string | null,
  ): Promise<Page<DuplicateCandidate>> {
    this.assertAdmin('see duplicate listings');
    const limit = pageSize(first);
    const cursor = decodeCursor<Cursor>(after, ['score', 'a', 'b']);
    if (
      cursor &&
      (typeof cursor.score !== 'number' ||
        !Number.isFinite(cursor.score) ||
        !isUuid(cursor.a) ||
        !isUuid(cursor.b))
    )
      throw new BadUserInputError('is not a cursor this service gave out', 'after');
    const s = cursor?.score ?? null;
    const params = [s, s, s, cursor?.a ?? null, cursor?.b ?? null, limit + 1];
    const rows = await withNameThreshold(this.em.getConnection().getKnex(), (trx) =>
      query<PairRow>(trx, DUPLICATE_PAIRS_SQL, params),
    );
    const page = rows.slice(0, limit);
    const listings = await this.em.find(Resource, {
      id: { $in: [...new Set(page.flatMap((r) => [r.a, r.b]))] },
    });
    const byId = new Map(listings.map((r) => [r.id, r]));
    const last = page[page.length - 1];
    return {
      nodes: page.map((row) => ({
        first: byId.get(row.a)!,
        second: byId.get(row.b)!,
        score: row.score,
        reasons: reasonsOf(row),
      })),
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor({ score: last.score, a: last.a, b: last.b }) : null,
      totalCount: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }

  /**
   * Merges `mergeId` into `keepId`: the merged listing leaves search (DEFUNCT) and its id answers with
   * the kept one from then on (resource(id), references from referrals and saved lists); both keep
   * their histories, and the merge is in each.
   */
  async merge(keepId: string, mergeId: string): Promise<Resource> {
    this.assertAdmin('merge listings');
    if (keepId === mergeId)
      throw new BadUserInputError('cannot merge a listing into itself', 'mergeId');
    const find = (id: string) =>
      isUuid(id) ? this.em.findOne(Resource, id) : Promise.resolve(null);
    const [keep, merge] = await Promise.all([find(keepId), find(mergeId)]);
    if (!keep) throw new NotFoundError('Resource', keepId);
    if (!merge) throw new NotFoundError('Resource', mergeId);
    if (keep.mergedInto)
      throw new BadUserInputError(
        `was itself merged into ${keep.mergedInto}; keep that listing instead`,
        'keepId',
      );
    if (merge.mergedInto)
      throw new BadUserInputError(`was already merged into ${merge.mergedInto}`, 'mergeId');
    const before = { status: merge.status, mergedInto: null };
    merge.status = ResourceStatus.DEFUNCT;
    merge.mergedInto = keep.id;
    this.history.record(
      { entityType: 'Resource', entityId: merge.id, resourceId: merge.id },
      before,
      { status: merge.status, mergedInto: keep.id },
    );
    this.history.record(
      { entityType: 'Resource', entityId: keep.id, resourceId: keep.id },
      { mergedListing: null },
      { mergedListing: merge.id },
    );
    const moved = await this.moveSites(keep, merge);
    if (moved.length > 0)
      this.history.record(
        { entityType: 'Resource', entityId: keep.id, resourceId: keep.id },
        { sitesFromMerge: null },
        { sitesFromMerge: moved },
      );
    // Listings merged into this one before now point at the kept one: a redirect is one step.
    await this.em.nativeUpdate(Resource, { mergedInto: merge.id }, { mergedInto: keep.id });
    await this.em.flush();
    return keep;
  }

  /**
   * The merged listing's sites that are other places than the kept listing's (not the same street
   * line and postal code, not within NEAR_METRES) become the kept listing's, with their capacity
   * counts, and the kept listing's total is theirs added: a person finds every site on the listing
   * that stays. A site that is the same place as one the kept listing has stays behind, with its
   * count: the kept listing's own count of that place is the one its partners keep.
   */
  private async moveSites(keep: Resource, merge: Resource): Promise<string[]> {
    const rows = await query<{ id: string }>(
      this.em.getConnection().getKnex(),
      `select lm.id::text as id from resource_location rm join location lm on lm.id = rm.location_id
      where rm.resource_id = ? and not exists (
        select 1 from resource_location rk join location lk on lk.id = rk.location_id
        where rk.resource_id = ? and (lk.id = lm.id
          or (lm.address_address1 is not null and ${STREET('lk')} = ${STREET('lm')}
            and left(lk.address_postal_code, 5) = left(lm.address_postal_code, 5))
          or (lm.latitude is not null and lk.latitude is not null
            and earth_distance(ll_to_earth(lk.latitude, lk.longitude),
              ll_to_earth(lm.latitude, lm.longitude)) <= ${NEAR_METRES})))
      order by lm.id`,
      [merge.id, keep.id],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await keep.locations.init();
    for (const site of await this.em.find(Location, { id: { $in: ids } })) keep.locations.add(site);
    const counts = await this.em.find(SiteCapacity, { resource: keep.id });
    for (const count of await this.em.find(SiteCapacity, {
      resource: merge.id,
      location: { $in: ids },
    })) {
      count.resource = ref(keep);
      counts.push(count);
    }
    const sites = keep.locations.getItems();
    const first = firstSite(sites);
    const ordered = [...counts].sort((a, b) =>
      a.location.id === first?.id ? -1 : b.location.id === first?.id ? 1 : 0,
    );
    if (ordered.length > 0) keep.capacity = totalCapacity(ordered.map((c) => c.capacity));
    return ids;
  }
}
