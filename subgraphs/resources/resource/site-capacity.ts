import { Capacity } from './capacity.entity';

/**
 * A listing's capacity is the total of its sites': available and maximum summed (maximum null only
 * when no site has one), counted in the first site's unit, as fresh as the latest site update.
 * Null when no site has a count.
 */
export function totalCapacity(sites: readonly Capacity[]): Capacity | null {
  if (sites.length === 0) return null;
  const total = new Capacity();
  total.unit = sites[0].unit;
  total.available = sites.reduce((sum, c) => sum + c.available, 0);
  const maxima = sites.flatMap((c) =>
    c.maximum === null || c.maximum === undefined ? [] : [c.maximum],
  );
  total.maximum = maxima.length > 0 ? maxima.reduce((sum, m) => sum + m, 0) : null;
  total.updatedAt = new Date(Math.max(...sites.map((c) => c.updatedAt.getTime())));
  return total;
}

/** Which of a listing's sites is its first: the oldest, which is usually its main place. */
export function firstSite<T extends { id: string; createdAt: Date }>(
  sites: readonly T[],
): T | null {
  return (
    [...sites].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
    )[0] ?? null
  );
}

/**
 * SQL that gives the listings `where` selects (a condition on `r`, the resource row) site capacities
 * that add up to their own capacity, for writers that set a listing's total directly (the migration
 * that introduced sites, a bulk import). A listing whose sites already add up to its total keeps
 * them (a re-import of the same counts loses no site's count); otherwise its sites' counts are
 * replaced by one count at its first site (oldest, then lowest id, as firstSite chooses), since
 * nothing in a listing-wide count says which site holds the beds. Listings with no site keep their
 * capacity on the listing alone. Run in order, in the writer's transaction.
 */
export function placeListingCapacitySql(where: string): string[] {
  const disagrees = `row(r.capacity_available, r.capacity_maximum) is distinct from (
    select row(sum(sc.available)::int, sum(sc.maximum)::int) from service_capacity sc where sc.resource_id = r.id)`;
  return [
    `delete from service_capacity x using resource r
where x.resource_id = r.id and (${where}) and ${disagrees}`,
    `insert into service_capacity (id, resource_id, location_id, unit, available, maximum, updated_at)
select gen_random_uuid(), r.id, f.location_id, r.capacity_unit, r.capacity_available, r.capacity_maximum,
  coalesce(r.capacity_updated_at, r.updated_at)
from resource r
cross join lateral (
  select rl.location_id from resource_location rl join location l on l.id = rl.location_id
  where rl.resource_id = r.id order by l.created_at, l.id limit 1
) f
where (${where}) and r.capacity_unit is not null and r.capacity_available is not null
  and not exists (select 1 from service_capacity sc where sc.resource_id = r.id)`,
  ];
}
