/**
 * A partner's edit of a listing as plain data: what they started from, what they typed, and — when
 * someone else saved first — which fields both of them changed, so the screen can show those side
 * by side and never drop either edit silently.
 */
export const WEEK = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
] as const;
export type Weekday = (typeof WEEK)[number];

export interface Interval {
  /** HH:MM, the place's own time. */
  opensAt: string;
  /** HH:MM; "24:00" is the end of the day; earlier than opensAt runs past midnight. */
  closesAt: string;
}

/** Each weekday's hours; an empty list is closed that day. */
export type Week = Record<Weekday, Interval[]>;

export interface ListingFields {
  description: string;
  eligibility: string;
  /** Language codes, as the API stores them. */
  languages: string[];
  /** Each location's weekly hours, by location id. */
  hours: Record<string, Week>;
}

/** `description`, `eligibility`, `languages`, or `hours:<location id>`. */
export type FieldKey = 'description' | 'eligibility' | 'languages' | `hours:${string}`;

/** What the API returns for a schedule: one row per opening. */
export interface WeeklyRow extends Interval {
  day: Weekday;
}

export function weekOf(rows: readonly WeeklyRow[]): Week {
  const week = Object.fromEntries(WEEK.map((day) => [day, [] as Interval[]])) as Week;
  for (const { day, opensAt, closesAt } of rows) week[day].push({ opensAt, closesAt });
  for (const day of WEEK) week[day].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  return week;
}

export function rowsOf(week: Week): WeeklyRow[] {
  return WEEK.flatMap((day) => week[day].map((slot) => ({ day, ...slot })));
}

/** The hours a day gets when someone unticks "Closed". */
export const DEFAULT_INTERVAL: Interval = { opensAt: '09:00', closesAt: '17:00' };

export function fieldKeys(fields: ListingFields): FieldKey[] {
  return [
    'description',
    'eligibility',
    'languages',
    ...Object.keys(fields.hours).map((id): FieldKey => `hours:${id}`),
  ];
}

type Value = string | string[] | Week | undefined;

export function valueOf(fields: ListingFields, key: FieldKey): Value {
  if (key === 'description' || key === 'eligibility' || key === 'languages') return fields[key];
  return fields.hours[key.slice('hours:'.length)];
}

/** Languages are a set (order is how they were ticked); hours compare day by day. */
function same(key: FieldKey, a: Value, b: Value): boolean {
  if (key === 'languages') {
    const sorted = (v: Value) => (Array.isArray(v) ? [...v].sort().join() : '');
    return sorted(a) === sorted(b);
  }
  if (typeof a === 'string' || typeof b === 'string') {
    const text = (v: Value) => (typeof v === 'string' ? v.trim() : '');
    return text(a) === text(b);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

export function sameField(key: FieldKey, a: ListingFields, b: ListingFields): boolean {
  return same(key, valueOf(a, key), valueOf(b, key));
}

/** The fields someone changed from what they started with. */
export function changedFields(base: ListingFields, mine: ListingFields): FieldKey[] {
  return fieldKeys(mine).filter((key) => !sameField(key, base, mine));
}

function withValue(fields: ListingFields, key: FieldKey, from: ListingFields): ListingFields {
  if (key === 'description' || key === 'eligibility') return { ...fields, [key]: from[key] };
  if (key === 'languages') return { ...fields, languages: [...from.languages] };
  const id = key.slice('hours:'.length);
  return from.hours[id] ? { ...fields, hours: { ...fields.hours, [id]: from.hours[id] } } : fields;
}

export interface Reconciled {
  /** Their saved listing with every one of my changes that no one else touched. */
  merged: ListingFields;
  /** Fields both of us changed, to different values: the person chooses. */
  conflicts: FieldKey[];
}

/**
 * After someone else saved first: start from what is saved now (theirs), put back each of my
 * changes they did not touch, and list the fields we both changed differently. A field I changed to
 * what they also chose is no conflict.
 */
export function reconcile(
  base: ListingFields,
  mine: ListingFields,
  theirs: ListingFields,
): Reconciled {
  let merged: ListingFields = { ...theirs, hours: { ...theirs.hours } };
  const conflicts: FieldKey[] = [];
  for (const key of changedFields(base, mine)) {
    if (sameField(key, mine, theirs)) continue;
    if (sameField(key, base, theirs)) merged = withValue(merged, key, mine);
    else conflicts.push(key);
  }
  return { merged, conflicts };
}

export type Choice = 'mine' | 'theirs';

/** The merged listing with the person's choice for each conflicting field. */
export function choose(
  reconciled: Reconciled,
  mine: ListingFields,
  choices: Partial<Record<FieldKey, Choice>>,
): ListingFields {
  return reconciled.conflicts.reduce(
    (fields, key) => (choices[key] === 'theirs' ? fields : withValue(fields, key, mine)),
    reconciled.merged,
  );
}

/** Is "HH:MM" a time of day the API accepts ("24:00" only as a closing time)? */
export const isClock = (value: string, closing = false): boolean =>
  /^([01]\d|2[0-3]):[0-5]\d$/.test(value) || (closing && value === '24:00');
