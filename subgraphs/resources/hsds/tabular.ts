import type { Doc } from './fields';

export type Tables = Record<string, Doc[]>;

const NUMERIC = new Set([
  'latitude',
  'longitude',
  'minimum_age',
  'maximum_age',
  'extension',
  'year_incorporated',
  'amount',
  'count',
  'interval',
  'timezone',
]);

/** A CSV row as an HSDS object: empty cells are absent, numeric columns are numbers. */
export function rowToDoc(row: Record<string, string>): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '' || v === undefined) continue;
    out[k] = NUMERIC.has(k) && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  }
  return out;
}

function groupBy(rows: Doc[] | undefined, key: string): Map<string, Doc[]> {
  const map = new Map<string, Doc[]>();
  for (const row of rows ?? []) {
    const k = row[key];
    if (typeof k !== 'string' || k === '') continue;
    const list = map.get(k) ?? [];
    list.push(row);
    map.set(k, list);
  }
  return map;
}

const pick = (map: Map<string, Doc[]>, id: unknown) =>
  typeof id === 'string' ? (map.get(id) ?? []) : [];
const nonEmpty = (xs: Doc[]) => (xs.length > 0 ? xs : undefined);
const clean = (doc: Doc) =>
  Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));

/**
 * The HSDS Tabular Data Package (one CSV per table, joined by ids) as nested documents: terms first,
 * then organizations, then services with their locations, so references resolve in order.
 */
export function tablesToDocuments(tables: Tables): Doc[] {
  const t = (name: string) => tables[name] ?? [];
  const by = (name: string, key: string) => groupBy(t(name), key);
  const taxonomies = new Map(t('taxonomies').map((x) => [x.id as string, x]));
  const terms = new Map(
    t('taxonomy_terms').map((term) => {
      const detail = taxonomies.get(term.taxonomy_id as string);
      return [term.id as string, clean({ ...term, taxonomy_detail: detail })];
    }),
  );
  const languagesByService = by('languages', 'service_id');
  const languagesByLocation = by('languages', 'location_id');
  const phones = {
    service: by('phones', 'service_id'),
    location: by('phones', 'location_id'),
    organization: by('phones', 'organization_id'),
    sal: by('phones', 'service_at_location_id'),
  };
  const schedules = {
    service: by('schedules', 'service_id'),
    location: by('schedules', 'location_id'),
    sal: by('schedules', 'service_at_location_id'),
  };
  const contacts = {
    service: by('contacts', 'service_id'),
    location: by('contacts', 'location_id'),
    organization: by('contacts', 'organization_id'),
    sal: by('contacts', 'service_at_location_id'),
  };
  const attributes = by('attributes', 'link_id');
  const withTerm = (rows: Doc[]) =>
    rows.map((a) => clean({ ...a, taxonomy_term: terms.get(a.taxonomy_term_id as string) }));
  const programs = new Map(t('programs').map((p) => [p.id as string, p]));
  const addresses = by('addresses', 'location_id');
  const accessibility = by('accessibility', 'location_id');
  const locations = new Map(
    t('locations').map((l) => [
      l.id as string,
      clean({
        ...l,
        addresses: nonEmpty(pick(addresses, l.id)),
        accessibility: nonEmpty(pick(accessibility, l.id)),
        phones: nonEmpty(pick(phones.location, l.id)),
        schedules: nonEmpty(pick(schedules.location, l.id)),
        languages: nonEmpty(pick(languagesByLocation, l.id)),
        contacts: nonEmpty(pick(contacts.location, l.id)),
        attributes: nonEmpty(withTerm(pick(attributes, l.id))),
      }),
    ]),
  );
  const organizationIds = new Set(t('organizations').map((o) => o.id));
  const locationsByOrganization = groupBy(
    [...locations.values()].filter((l) => organizationIds.has(l.organization_id)),
    'organization_id',
  );
  const funding = {
    organization: by('funding', 'organization_id'),
    service: by('funding', 'service_id'),
  };
  const organizations = t('organizations').map((o) =>
    clean({
      ...o,
      phones: nonEmpty(pick(phones.organization, o.id)),
      contacts: nonEmpty(pick(contacts.organization, o.id)),
      funding: nonEmpty(pick(funding.organization, o.id)),
      organization_identifiers: nonEmpty(
        pick(by('organization_identifiers', 'organization_id'), o.id),
      ),
      programs: nonEmpty(pick(by('programs', 'organization_id'), o.id)),
      locations: nonEmpty(pick(locationsByOrganization, o.id)),
    }),
  );
  const sal = by('service_at_location', 'service_id');
  const services = t('services').map((s) =>
    clean({
      ...s,
      program: programs.get(s.program_id as string),
      phones: nonEmpty(pick(phones.service, s.id)),
      schedules: nonEmpty(pick(schedules.service, s.id)),
      languages: nonEmpty(pick(languagesByService, s.id)),
      contacts: nonEmpty(pick(contacts.service, s.id)),
      funding: nonEmpty(pick(funding.service, s.id)),
      required_documents: nonEmpty(pick(by('required_documents', 'service_id'), s.id)),
      cost_options: nonEmpty(pick(by('cost_options', 'service_id'), s.id)),
      service_areas: nonEmpty(pick(by('service_areas', 'service_id'), s.id)),
      metadata: nonEmpty(pick(by('metadata', 'resource_id'), s.id)),
      attributes: nonEmpty(withTerm(pick(attributes, s.id))),
      service_at_locations: nonEmpty(
        pick(sal, s.id).map((x) =>
          clean({
            ...x,
            phones: nonEmpty(pick(phones.sal, x.id)),
            schedules: nonEmpty(pick(schedules.sal, x.id)),
            contacts: nonEmpty(pick(contacts.sal, x.id)),
            location: locations.get(x.location_id as string),
          }),
        ),
      ),
    }),
  );
  return [...terms.values(), ...organizations, ...services];
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}
