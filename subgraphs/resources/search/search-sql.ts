import { documentConceptsSql } from './concepts';

/**
 * The SQL side of search that both the migration and `npm run reindex` need: the helper functions,
 * the view that turns listings into search documents, and the document table with its indexes.
 * Kept in one place so a rebuilt table has exactly the indexes the migration made.
 */

/** Thirty-minute slots of the week, Monday 00:00 = slot 0, as `weeklySlots(schedule, 30)` counts them. */
export const SLOT_MINUTES = 30;
export const SLOTS_PER_WEEK = (7 * 24 * 60) / SLOT_MINUTES;

export const SEARCH_FUNCTIONS_SQL: string[] = [
  // Mirrors weeklySlots() in location/schedule.ts (a test compares them): every slot any part of
  // which is open, or with `full_only` only the slots open from start to end.
  `create or replace function search_slots(schedule jsonb, full_only boolean) returns int[]
  language sql immutable parallel safe as $fn$
    select coalesce(array_agg(distinct s.slot % ${SLOTS_PER_WEEK} order by s.slot % ${SLOTS_PER_WEEK}), '{}'::int[])
    from jsonb_array_elements(coalesce($1->'weekly', '[]'::jsonb)) w
    cross join lateral (
      select (array_position(array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY'], w->>'day') - 1) * 1440 as day_start,
             split_part(w->>'opensAt', ':', 1)::int * 60 + split_part(w->>'opensAt', ':', 2)::int as st,
             split_part(w->>'closesAt', ':', 1)::int * 60 + split_part(w->>'closesAt', ':', 2)::int as en
    ) t
    cross join lateral (
      select t.day_start + t.st as a, t.day_start + case when t.en > t.st then t.en else t.en + 1440 end as b
    ) r
    cross join lateral generate_series(
      case when $2 then (r.a + ${SLOT_MINUTES - 1}) / ${SLOT_MINUTES} else r.a / ${SLOT_MINUTES} end,
      case when $2 then r.b / ${SLOT_MINUTES} - 1 else (r.b + ${SLOT_MINUTES - 1}) / ${SLOT_MINUTES} - 1 end
    ) as s(slot)
    where t.day_start is not null
  $fn$;`,
  // The open minutes of the week (Monday 00:00 = 0), exact to the minute: a slot is only a prefilter.
  `create or replace function search_open_minutes(schedule jsonb) returns int4multirange
  language sql immutable parallel safe as $fn$
    select coalesce(range_agg(x.r), '{}'::int4multirange)
    from jsonb_array_elements(coalesce($1->'weekly', '[]'::jsonb)) w
    cross join lateral (
      select (array_position(array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY'], w->>'day') - 1) * 1440 as day_start,
             split_part(w->>'opensAt', ':', 1)::int * 60 + split_part(w->>'opensAt', ':', 2)::int as st,
             split_part(w->>'closesAt', ':', 1)::int * 60 + split_part(w->>'closesAt', ':', 2)::int as en
    ) t
    cross join lateral (
      select t.day_start + t.st as a, t.day_start + case when t.en > t.st then t.en else t.en + 1440 end as b
    ) r
    cross join lateral (
      select int4range(r.a, least(r.b, 10080)) union all select int4range(0, r.b - 10080) where r.b > 10080
    ) as x(r)
    where t.day_start is not null
  $fn$;`,
  `create or replace function search_closure_dates(schedule jsonb) returns date[]
  language sql immutable parallel safe as $fn$
    select coalesce(array(select (c->>'date')::date from jsonb_array_elements(coalesce($1->'closures', '[]'::jsonb)) c order by 1), '{}'::date[])
  $fn$;`,
  // A category and every category above it, so that searching a parent finds its children.
  `create or replace function search_category_closure(ids text[]) returns table(id text, name text)
  language sql stable parallel safe as $fn$
    with recursive up(id, name, parent_id) as (
      select c.id, c.name, c.parent_id from category c where c.id = any($1)
      union
      select c.id, c.name, c.parent_id from category c join up on c.id = up.parent_id
    )
    select up.id, up.name from up
  $fn$;`,
];

/**
 * One row per public resource at each of its locations (or one with no location when it has none).
 * Capacity is the site's own (service_capacity), or the listing's when it is offered at no place;
 * `capacity: 'listing'` is the view as it was before sites had counts, for the migration that made it.
 */
export function searchSourceViewSql(capacity: 'site' | 'listing' = 'site'): string {
  const site = capacity === 'site';
  return `create or replace view search_source as
select
  r.id::text || '_' || coalesce(l.id::text, 'none') as id,
  r.id as resource_id,
  l.id as location_id,
  r.organization_id,
  r.name,
  r.alternate_name,
  r.description,
  o.name as organization_name,
  l.name as location_name,
  l.address_city as city,
  r.status,
  coalesce(cats.ids, '{}'::text[]) as category_ids,
  coalesce(cats.names, '') as category_names,
  r.populations,
  r.languages,
  r.insurance,
  r.minimum_age,
  r.maximum_age,
  r.accepts_referrals,
  ${site ? 'case when l.id is null then r.capacity_unit else sc.unit end as capacity_unit' : 'r.capacity_unit'},
  ${site ? 'case when l.id is null then r.capacity_available else sc.available end as capacity_available' : 'r.capacity_available'},
  r.last_verified_at,
  l.latitude,
  l.longitude,
  l.time_zone,
  l.schedule,
  coalesce(search_slots(l.schedule, false), '{}'::int[]) as open_slots,
  coalesce(search_open_minutes(l.schedule), '{}'::int4multirange) as open_minutes,
  coalesce(search_closure_dates(l.schedule), '{}'::date[]) as closure_dates
from resource r
join organization o on o.id = r.organization_id
left join resource_location rl on rl.resource_id = r.id
left join location l on l.id = rl.location_id
${site ? 'left join service_capacity sc on sc.resource_id = r.id and sc.location_id = l.id\n' : ''}left join lateral (
  select array_agg(cc.id order by cc.id) as ids, string_agg(cc.name, ' ' order by cc.id) as names
  from search_category_closure(r.category_ids) cc
) cats on true
where r.status in ('ACTIVE', 'TEMPORARILY_CLOSED');`;
}

export const SEARCH_SOURCE_VIEW_SQL = searchSourceViewSql();

/** The document table (the Postgres engine's index) under `table`, without its indexes. */
export function searchDocumentTableSql(table: string): string {
  return `create table "${table}" (
  "id" text primary key,
  "resource_id" uuid not null,
  "location_id" uuid null,
  "organization_id" uuid not null,
  "name" text not null,
  "status" text not null,
  "category_ids" text[] not null,
  "populations" text[] not null,
  "languages" text[] not null,
  "insurance" text[] not null,
  "minimum_age" int null,
  "maximum_age" int null,
  "accepts_referrals" boolean not null,
  "capacity_available" int null,
  "last_verified_at" timestamptz null,
  "latitude" double precision null,
  "longitude" double precision null,
  "geo" earth null,
  "time_zone" text null,
  "open_minutes" int4multirange not null,
  "facet_codes" int[] not null,
  "closure_dates" date[] not null,
  "search_text" text not null,
  "tsv" tsvector not null,
  ${TITLE_TSV_COLUMN},
  ${CONCEPTS_COLUMN},
  "indexed_at" timestamptz not null default now()
);`;
}

/** Nearest-first among documents with free places (hasCapacity: true) walks this one. */
export function searchDocumentCapacityIndexSql(
  table: string,
  ifNotExists = '',
  suffix = '',
): string {
  return `create index${ifNotExists} "${table}_geo_capacity${suffix}" on "${table}" using gist ("geo") where "capacity_available" > 0;`;
}

/**
 * The words a listing is named and filed by (name and alternate name, weight A; category names and
 * organization name, weight B): that part of `tsv`, kept as a column of its own with a GIN index. A
 * text search without a place ranks the documents matching there first, so it reads a bounded
 * sample of the strongest matches instead of the first ones the whole-text index finds (a word such
 * as "shelter" matches a sixth of the directory, most of them in a description). A stored column
 * rather than an expression index: a plan that filters rows one by one then tests a short vector
 * instead of filtering the whole one again for every row.
 */
export const TITLE_TSV_COLUMN = `"title_tsv" tsvector generated always as (ts_filter("tsv", '{a,b}')) stored`;

/** The synonym groups the text matches (see concepts.ts), with a GIN index of its own. */
export const CONCEPTS_COLUMN = `"concepts" text[] not null default '{}'`;

export function searchDocumentConceptsIndexSql(
  table: string,
  ifNotExists = '',
  suffix = '',
): string {
  return `create index${ifNotExists} "${table}_concepts${suffix}" on "${table}" using gin ("concepts");`;
}

export function searchDocumentTitleIndexSql(table: string, ifNotExists = '', suffix = ''): string {
  return `create index${ifNotExists} "${table}_title_tsv${suffix}" on "${table}" using gin ("title_tsv");`;
}

/** Indexes of the document table; `suffix` keeps names unique while a rebuilt table waits to be swapped in. */
export function searchDocumentIndexSql(table: string, suffix = ''): string[] {
  const ix = (name: string) => `"${table}_${name}${suffix}"`;
  return [
    `create index ${ix('resource_id')} on "${table}" ("resource_id");`,
    `create index ${ix('location_id')} on "${table}" ("location_id");`,
    `create index ${ix('organization_id')} on "${table}" ("organization_id");`,
    `create index ${ix('geo')} on "${table}" using gist ("geo");`,
    searchDocumentCapacityIndexSql(table, '', suffix),
    `create index ${ix('tsv')} on "${table}" using gin ("tsv");`,
    searchDocumentTitleIndexSql(table, '', suffix),
    searchDocumentConceptsIndexSql(table, '', suffix),
    `create index ${ix('search_text')} on "${table}" using gin ("search_text" gin_trgm_ops);`,
    `create index ${ix('category_ids')} on "${table}" using gin ("category_ids");`,
    `create index ${ix('populations')} on "${table}" using gin ("populations");`,
    `create index ${ix('languages')} on "${table}" using gin ("languages");`,
    `create index ${ix('open_minutes')} on "${table}" using gist ("open_minutes");`,
    `create index ${ix('closure_dates')} on "${table}" using gin ("closure_dates");`,
  ];
}

const DOCUMENT_COLUMNS = [
  'id',
  'resource_id',
  'location_id',
  'organization_id',
  'name',
  'status',
  'category_ids',
  'populations',
  'languages',
  'insurance',
  'minimum_age',
  'maximum_age',
  'accepts_referrals',
  'capacity_available',
  'last_verified_at',
  'latitude',
  'longitude',
  'time_zone',
  'open_minutes',
  'closure_dates',
];

/** The facet values of a `search_source` row `s`, as "FIELD:value" tokens. */
const FACET_TOKENS = `(array(select 'CATEGORY:' || x from unnest(s.category_ids) x)
    || array(select 'LANGUAGE:' || x from unnest(s.languages) x)
    || array(select 'POPULATION:' || x from unnest(s.populations) x)
    || array(select 'INSURANCE:' || x from unnest(s.insurance) x)
    || array['HAS_CAPACITY:' || (coalesce(s.capacity_available, 0) > 0)::text])`;

/**
 * Facet values are counted as small integer codes (several times faster to group than text); this
 * dictionary maps them back. It only grows: a value no document has any more is simply never counted.
 */
export const FACET_TABLE_SQL = `create table "search_facet_value" (
  "code" int generated always as identity primary key,
  "token" text not null unique
);`;

/** Adds to the dictionary the facet values of the source rows that `where` selects (before their documents). */
export function insertFacetValuesSql(where: string): string {
  return `insert into search_facet_value (token)
select distinct t from search_source s, unnest(${FACET_TOKENS}) t where ${where}
on conflict (token) do nothing`;
}

/**
 * Inserts into `table` the documents (in 0.25° cells, so that a place's neighbours share pages) of the source rows that `where` selects (a condition on the
 * view's columns `resource_id`, `location_id`, `organization_id`, with `?` bindings).
 */
export function insertDocumentsSql(table: string, where: string): string {
  const cols = DOCUMENT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const src = DOCUMENT_COLUMNS.map((c) => `s."${c}"`).join(', ');
  return `insert into "${table}" (${cols}, "geo", "search_text", "tsv", "concepts", "facet_codes")
select ${src},
  case when s.latitude is not null and s.longitude is not null then ll_to_earth(s.latitude, s.longitude) end,
  lower(unaccent(concat_ws(' ', s.name, s.alternate_name, s.category_names))),
  v.tsv,
  ${documentConceptsSql('v.tsv')},
  array(select f.code from unnest(${FACET_TOKENS}) t join search_facet_value f on f.token = t)
from search_source s
cross join lateral (select
  setweight(to_tsvector('english', unaccent(concat_ws(' ', s.name, s.alternate_name))), 'A')
    || setweight(to_tsvector('english', unaccent(concat_ws(' ', s.category_names, s.organization_name))), 'B')
    || setweight(to_tsvector('english', unaccent(concat_ws(' ', s.description, s.location_name, s.city))), 'C')
    || setweight(to_tsvector('english', lower(replace(array_to_string(s.populations, ' '), '_', ' '))), 'D')
  -- offset 0: computed once per row, not again wherever the concepts read it
  as tsv offset 0) v
where ${where}
order by floor(s.latitude * 4), floor(s.longitude * 4), s.id`;
}

export const TIME_ZONE_TABLE_SQL = `create table "search_time_zone" ("time_zone" text primary key);`;

/**
 * The words of the documents, for typo tolerance the way pg_trgm's documentation suggests: a query
 * word that is not a word of the directory is corrected to its nearest words by trigram similarity
 * (one lookup in this small table), and the search itself stays a plain full-text index lookup.
 */
export const WORD_TABLE_SQL = [
  `create table "search_word" ("word" text primary key);`,
  `create index "search_word_trgm" on "search_word" using gist ("word" gist_trgm_ops);`,
];

/** Adds the words of the documents that `where` selects (on `search_document d`). */
export function insertWordsSql(table: string, where: string): string {
  return `insert into search_word (word)
select distinct w from "${table}" d, regexp_split_to_table(d.search_text, '[^[:alnum:]]+') as w
where length(w) between 3 and 40 and (${where})
on conflict do nothing`;
}

export const OUTBOX_TABLE_SQL = [
  `create table "search_outbox" (
    "id" bigserial primary key,
    "kind" text not null check ("kind" in ('resource', 'location', 'organization', 'all')),
    "entity_id" uuid null,
    "created_at" timestamptz not null default now(),
    "attempts" int not null default 0,
    "next_attempt_at" timestamptz not null default now(),
    "last_error" text null
  );`,
  `create index "search_outbox_next_attempt_at_index" on "search_outbox" ("next_attempt_at", "id");`,
  // Wakes the indexer the moment a change commits (NOTIFY is delivered at commit), so a change is
  // searchable well within a second without polling hard.
  `create or replace function search_outbox_notify() returns trigger language plpgsql as $fn$
  begin
    perform pg_notify('search_outbox', '');
    return null;
  end
  $fn$;`,
  `create trigger "search_outbox_notify" after insert on "search_outbox"
    for each statement execute function search_outbox_notify();`,
  `create table "search_index_status" (
    "engine" text primary key,
    "last_error" text null,
    "last_error_at" timestamptz null,
    "last_indexed_at" timestamptz null,
    "last_rebuilt_at" timestamptz null
  );`,
];

/**
 * The listings whose documents a change touches: those named, those at the locations named and
 * those of the organizations named (parameters: the three id lists). Documents are rebuilt by
 * listing, because a condition on the source view's location (the nullable side of a left join)
 * cannot reach an index and made every rebuild join the whole directory.
 */
export const LISTINGS_OF_TARGET_SQL = `select unnest(?::uuid[]) as id
union select resource_id from resource_location where location_id = any(?::uuid[])
union select id from resource where organization_id = any(?::uuid[])`;
