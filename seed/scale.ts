import type { Knex } from '@mikro-orm/postgresql';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { placeListingCapacitySql } from '../subgraphs/resources/resource/site-capacity';
import { sampleDirectory } from './sample-directory';

/**
 * A directory at scale for benchmarks, written with set-based SQL (no ORM, no outbox): listings
 * modelled on the sample directory's realistic services and hours, spread over US metro areas in
 * proportion to their population, in their own time zones. Deterministic for a given size.
 * Shape: each organization has 3 locations and 5 resources, each resource at 1 or 2 of them, so
 * `resourceLocations` resource-locations need resourceLocations / 8 organizations.
 */
const METROS: [name: string, lat: number, lng: number, weight: number, tz: string][] = [
  ['New York', 40.7128, -74.006, 196, 'America/New_York'],
  ['Los Angeles', 34.0522, -118.2437, 130, 'America/Los_Angeles'],
  ['Chicago', 41.8781, -87.6298, 94, 'America/Chicago'],
  ['Dallas', 32.7767, -96.797, 78, 'America/Chicago'],
  ['Houston', 29.7604, -95.3698, 73, 'America/Chicago'],
  ['Washington', 38.9072, -77.0369, 63, 'America/New_York'],
  ['Philadelphia', 39.9526, -75.1652, 62, 'America/New_York'],
  ['Miami', 25.7617, -80.1918, 62, 'America/New_York'],
  ['Atlanta', 33.749, -84.388, 61, 'America/New_York'],
  ['Boston', 42.3601, -71.0589, 49, 'America/New_York'],
  ['Phoenix', 33.4484, -112.074, 49, 'America/Phoenix'],
  ['San Francisco', 37.7749, -122.4194, 47, 'America/Los_Angeles'],
  ['Riverside', 33.9533, -117.3962, 46, 'America/Los_Angeles'],
  ['Detroit', 42.3314, -83.0458, 43, 'America/Detroit'],
  ['Seattle', 47.6062, -122.3321, 40, 'America/Los_Angeles'],
  ['Minneapolis', 44.9778, -93.265, 37, 'America/Chicago'],
  ['San Diego', 32.7157, -117.1611, 33, 'America/Los_Angeles'],
  ['Tampa', 27.9506, -82.4572, 32, 'America/New_York'],
  ['Denver', 39.7392, -104.9903, 30, 'America/Denver'],
  ['Baltimore', 39.2904, -76.6122, 28, 'America/New_York'],
  ['St. Louis', 38.627, -90.1994, 28, 'America/Chicago'],
  ['Orlando', 28.5383, -81.3792, 27, 'America/New_York'],
  ['Charlotte', 35.2271, -80.8431, 27, 'America/New_York'],
  ['San Antonio', 29.4241, -98.4936, 26, 'America/Chicago'],
  ['Portland', 45.5152, -122.6784, 25, 'America/Los_Angeles'],
  ['Sacramento', 38.5816, -121.4944, 24, 'America/Los_Angeles'],
  ['Pittsburgh', 40.4406, -79.9959, 24, 'America/New_York'],
  ['Austin', 30.2672, -97.7431, 24, 'America/Chicago'],
  ['Las Vegas', 36.1699, -115.1398, 23, 'America/Los_Angeles'],
  ['Cincinnati', 39.1031, -84.512, 22, 'America/New_York'],
  ['Kansas City', 39.0997, -94.5786, 22, 'America/Chicago'],
  ['Columbus', 39.9612, -82.9988, 21, 'America/New_York'],
  ['Indianapolis', 39.7684, -86.1581, 21, 'America/Indiana/Indianapolis'],
  ['Cleveland', 41.4993, -81.6944, 21, 'America/New_York'],
  ['San Jose', 37.3382, -121.8863, 20, 'America/Los_Angeles'],
  ['Nashville', 36.1627, -86.7816, 20, 'America/Chicago'],
  ['Oakland', 37.8044, -122.2712, 18, 'America/Los_Angeles'],
  ['Fresno', 36.7378, -119.7871, 10, 'America/Los_Angeles'],
  ['Albuquerque', 35.0844, -106.6504, 9, 'America/Denver'],
  ['Honolulu', 21.3069, -157.8583, 10, 'Pacific/Honolulu'],
  ['Anchorage', 61.2181, -149.9003, 4, 'America/Anchorage'],
];

export const BENCH_METROS = METROS.map(([name, lat, lng, weight, tz]) => ({
  name,
  lat,
  lng,
  weight,
  tz,
}));

const PREFIX = [
  'Cedar',
  'Juniper',
  'Willow',
  'Granite',
  'Lantern',
  'Meadowlark',
  'Bluebird',
  'Copper',
  'Sagebrush',
  'Poppy',
  'Harbor',
  'Heron',
  'Sycamore',
  'Quail',
  'Buckeye',
  'Marigold',
  'Kestrel',
  'Alder',
  'Sunrise',
  'Laurel',
  'Maple',
  'Riverside',
  'Hillcrest',
  'Northgate',
  'Eastside',
  'Westside',
  'Southside',
  'Unity',
  'Hope',
  'Open Door',
];

export async function generateScaleDirectory(db: Knex, resourceLocations: number): Promise<void> {
  const orgs = Math.max(1, Math.round(resourceLocations / 8));
  const samples = [1, 2, 3].flatMap((seed) => sampleDirectory({ seed }));
  const resources = samples
    .flatMap((o) => o.resources)
    .filter((r) => r.status === ResourceStatus.ACTIVE);
  const schedules = samples.flatMap((o) => o.locations.map((l) => l.schedule));
  const templates = resources.map((r, idx) => ({
    idx,
    name: r.name.split(' ').slice(2).join(' ') || r.name,
    description: r.description,
    categories: r.categories,
    populations: r.populations,
    insurance: r.insurance,
    languages: r.languages,
    minimum_age: r.minimumAge,
    maximum_age: r.maximumAge,
    accepts_referrals: r.acceptsReferrals,
    capacity_unit: r.capacity?.unit ?? null,
    capacity_maximum: r.capacity?.maximum ?? null,
  }));
  await db.transaction(async (trx) => {
    const run = (sql: string, params: readonly Knex.RawBinding[] = []) => trx.raw(sql, params);
    await run('select setseed(0.42)');
    await run(
      `create temporary table bench_metro as select * from jsonb_to_recordset(?::jsonb)
      as m(name text, lat float8, lng float8, weight int, tz text)`,
      [JSON.stringify(BENCH_METROS)],
    );
    await run(`create temporary table bench_metro_range as
      select name, lat, lng, tz, sum(weight) over (order by name) - weight as lo, sum(weight) over (order by name) as hi from bench_metro`);
    await run(
      `create temporary table bench_template as select * from jsonb_to_recordset(?::jsonb) as t(idx int, name text,
      description text, categories text[], populations text[], insurance text[], languages text[], minimum_age int,
      maximum_age int, accepts_referrals boolean, capacity_unit text, capacity_maximum int)`,
      [JSON.stringify(templates)],
    );
    await run(
      `create temporary table bench_schedule as select (ordinality - 1)::int as idx, s as schedule
      from jsonb_array_elements(?::jsonb) with ordinality as t(s, ordinality)`,
      [JSON.stringify(schedules)],
    );
    await run(
      `create temporary table bench_prefix as select (ordinality - 1)::int as idx, p as prefix
      from unnest(?::text[]) with ordinality as t(p, ordinality)`,
      [PREFIX],
    );
    const total = BENCH_METROS.reduce((s, m) => s + m.weight, 0);
    const nTemplates = templates.length;
    const nSchedules = schedules.length;
    await run(
      `create temporary table bench_org as
      select i, gen_random_uuid() as id, (select m from bench_metro_range m where (hashint4(i) & 2147483647) % ${total} >= m.lo
        and (hashint4(i) & 2147483647) % ${total} < m.hi) as metro
      from generate_series(1, ?) i`,
      [orgs],
    );
    await run(`insert into organization (id, name, description, created_at, updated_at, version)
      select o.id, p.prefix || ' ' || (o.metro).name || ' ' || (array['Community Services','Outreach','Collective','Alliance','Center','Network'])[1 + o.i % 6] || ' #' || o.i,
        'Serving ' || (o.metro).name || ' neighborhoods.', now(), now(), 1
      from bench_org o join bench_prefix p on p.idx = o.i % ${PREFIX.length}`);
    await run(`create temporary table bench_loc as
      select o.i, k, gen_random_uuid() as id, o.id as organization_id, (o.metro).tz as tz,
        (o.metro).lat + d * cos(a) / 111.0 as lat,
        (o.metro).lng + d * sin(a) / (111.0 * cos(radians((o.metro).lat))) as lng,
        (o.metro).name as city
      from bench_org o, generate_series(0, 2) k,
        lateral (select 25 * sqrt(random()) as d, 2 * pi() * random() as a) j`);
    await run(`insert into location (id, organization_id, name, address_address1, address_city, address_state_province,
        address_postal_code, address_country, latitude, longitude, time_zone, schedule, created_at, updated_at, version)
      select l.id, l.organization_id, 'Site ' || (l.k + 1) || ' of org ' || l.i, (100 + l.i % 900) || ' Main St', l.city, 'NA',
        lpad(((l.i * 7) % 99999)::text, 5, '0'), 'US', l.lat, l.lng, l.tz, s.schedule, now(), now(), 1
      from bench_loc l join bench_schedule s on s.idx = (hashint4(l.i * 3 + l.k) & 2147483647) % ${nSchedules}`);
    await run(`create temporary table bench_res as
      select o.i, r, gen_random_uuid() as id, o.id as organization_id, (hashint4(o.i * 5 + r) & 2147483647) % ${nTemplates} as t
      from bench_org o, generate_series(0, 4) r`);
    await run(`insert into resource (id, organization_id, name, description, status, category_ids, populations, insurance,
        languages, minimum_age, maximum_age, accepts_referrals, capacity_unit, capacity_available, capacity_maximum,
        capacity_updated_at, last_verified_at, last_verified_by, created_at, updated_at, version)
      select r.id, r.organization_id, p.prefix || ' ' || t.name, t.description, 'ACTIVE', t.categories, t.populations, t.insurance,
        t.languages, t.minimum_age, t.maximum_age, t.accepts_referrals, t.capacity_unit,
        case when t.capacity_unit is null then null when random() < 0.25 then 0 else floor(random() * t.capacity_maximum)::int + 1 end,
        t.capacity_maximum, case when t.capacity_unit is null then null else now() end,
        now() - random() * interval '730 days', 'bench', now(), now(), 1
      from bench_res r join bench_template t on t.idx = r.t join bench_prefix p on p.idx = (r.i + r.r) % ${PREFIX.length}`);
    // Each resource at one location of its organization, and three in five at a second one.
    await run(`insert into resource_location (resource_id, location_id)
      select r.id, l.id from bench_res r join bench_loc l on l.i = r.i
      where l.k = r.r % 3 or (l.k = (r.r + 1) % 3 and (hashint4(r.i * 5 + r.r + 7) & 2147483647) % 5 < 3)`);
    // Beds are counted per site: each listing's count goes to its first site, as an import does.
    for (const statement of placeListingCapacitySql('r.id in (select id from bench_res)'))
      await run(statement);
  });
  for (const t of ['organization', 'location', 'resource', 'resource_location', 'service_capacity'])
    await db.raw(`analyze ${t}`);
}
