import { idText, isObject, objects, type Doc } from './fields';
import type { UnitReader } from './from-hsds';
import { tablesToDocuments } from './tabular';

type Kind =
  | 'service'
  | 'organization'
  | 'service_at_location'
  | 'location'
  | 'taxonomy_term'
  | 'taxonomy'
  | 'base'
  | 'unknown';

const has = (doc: Doc, keys: string[]) => keys.some((k) => k in doc);

/** What an HSDS document is, from the fields only that kind has. */
export function kindOf(doc: Doc): Kind {
  if (isObject(doc.service) && has(doc, ['location', 'location_id'])) return 'service_at_location';
  if (has(doc, ['location_type', 'addresses', 'latitude', 'longitude', 'transportation']))
    return 'location';
  if (
    has(doc, [
      'status',
      'service_at_locations',
      'eligibility_description',
      'application_process',
    ]) ||
    isObject(doc.organization)
  )
    return 'service';
  if (
    has(doc, [
      'services',
      'locations',
      'website',
      'legal_status',
      'year_incorporated',
      'organization_identifiers',
      'tax_status',
    ])
  )
    return 'organization';
  if (has(doc, ['profile', 'openapi_url'])) return 'base';
  if (has(doc, ['code', 'taxonomy', 'term_uri', 'parent_id', 'taxonomy_id', 'taxonomy_detail']))
    return 'taxonomy_term';
  if (has(doc, ['version', 'uri']) && 'name' in doc) return 'taxonomy';
  if ('organization_id' in doc && 'name' in doc) return 'service';
  return 'unknown';
}

/** Reads any HSDS JSON document into the reader's unit: single records, API list pages, arrays, tabular JSON. */
export function readDocument(value: unknown, reader: UnitReader): void {
  const f = reader.unit.findings;
  if (Array.isArray(value)) {
    for (const item of value) readDocument(item, reader);
    return;
  }
  if (!isObject(value)) {
    f.skip(
      null,
      '(document)',
      `expected an HSDS object, got ${value === null ? 'null' : typeof value}`,
    );
    return;
  }
  if (Array.isArray(value.contents)) {
    for (const item of value.contents) readDocument(item, reader);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => k.endsWith('.csv'))) {
    const tables = Object.fromEntries(
      keys.map((k) => [k.replace(/\.csv$/, ''), objects(value[k])]),
    );
    for (const doc of tablesToDocuments(tables)) readDocument(doc, reader);
    return;
  }
  switch (kindOf(value)) {
    case 'service':
      reader.service(value, null);
      return;
    case 'organization':
      reader.organization(value);
      return;
    case 'service_at_location': {
      const { service, location, location_id, ...sal } = value;
      reader.service(
        { ...(service as Doc), service_at_locations: [{ ...sal, location_id, location }] },
        null,
      );
      return;
    }
    case 'location':
      reader.location(value, null);
      return;
    case 'taxonomy_term':
      reader.term(value);
      return;
    case 'taxonomy':
      f.warn(
        idText(value.id),
        '(document)',
        'a taxonomy: nothing to load by itself; its terms load with the services that use them',
      );
      return;
    case 'base':
      f.warn(null, '(document)', 'the HSDS API root (version, profile): nothing to load');
      return;
    case 'unknown':
      f.skip(
        typeof value.id === 'string' ? value.id : null,
        '(document)',
        'not a recognizable HSDS service, organization, location, service_at_location or taxonomy_term',
      );
  }
}
