/**
 * The hostile values the corpus is made of, as data: what each kind of GraphQL argument gets, what
 * each `/hsds` query parameter and path id gets, and the malformed requests no argument can express.
 * hostile-corpus.ts combines them with the supergraph schema into one case per argument and value.
 */

export interface Hostile {
  label: string;
  value: unknown;
  /** Also send it written into the query text, not only as a variable (strings only). */
  literal?: boolean;
  /** Also sent inside input objects and to every /hsds parameter (the rest only at the top). */
  core?: boolean;
}

const HUGE_TEXT = 'x'.repeat(100_000);

/** Every string-like argument (String, ID, the date scalars) gets these. */
const TEXT: Hostile[] = [
  { label: 'NUL', value: 'a\u0000b', literal: true, core: true },
  { label: 'only NUL', value: '\u0000', literal: true },
  { label: 'lone high surrogate', value: 'a\ud800b', core: true },
  { label: 'lone low surrogate', value: '\udc00' },
  { label: 'reversed surrogate pair', value: '\udc00\ud800' },
  { label: 'empty', value: '', literal: true },
  { label: 'blank', value: ' \t\n ' },
  { label: '100k characters', value: HUGE_TEXT, core: true },
  {
    label: 'SQL injection',
    value: "x' OR '1'='1'; DROP TABLE resource; --",
    literal: true,
    core: true,
  },
  { label: 'HTML', value: '<script>alert(1)</script><img src=x onerror=alert(1)>', literal: true },
  { label: 'LIKE wildcards', value: '%_\\%' },
  { label: 'control characters', value: '\u0001\u0008\u001b[31m\u007f' },
  { label: 'right-to-left override', value: '\u202egnp.exe' },
  { label: 'emoji and combining marks', value: '👩🏽‍⚕️ Z̷̢͔a̸̙l̶g̶o' },
  { label: 'path traversal', value: '../../../etc/passwd' },
  { label: 'JSON text', value: '{"$ne":null}' },
  { label: 'a number', value: 12345, core: true },
  { label: 'a boolean', value: true },
  { label: 'an object', value: { $gt: '' } },
  { label: 'a list of lists', value: [['x']] },
];

const IDS: Hostile[] = [
  ...TEXT,
  { label: 'nil UUID', value: '00000000-0000-0000-0000-000000000000', literal: true },
  { label: 'UUID with NUL', value: '1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d\u0000' },
  { label: 'upper-case UUID', value: '1C4F6C84-A4A1-4F5A-9A4E-0B0F3B0E6A5D' },
  { label: 'not a UUID', value: 'not-an-id', literal: true },
  { label: 'organization:ref form', value: ':' },
  { label: 'huge number', value: 1e308 },
  { label: 'negative number', value: -1 },
];

const DATES: Hostile[] = [
  ...TEXT,
  { label: 'not a date', value: 'not a date', literal: true, core: true },
  { label: 'month 13', value: '2025-13-01T00:00:00Z', literal: true },
  { label: '30 February', value: '2025-02-30T00:00:00Z', literal: true, core: true },
  { label: 'hour 25', value: '2025-01-01T25:00:00Z' },
  { label: 'year 0', value: '0000-01-01T00:00:00Z' },
  { label: 'year 275760+', value: '+275761-01-01T00:00:00Z', core: true },
  { label: 'year 9999', value: '9999-12-31T23:59:59Z', literal: true },
  { label: 'year 1', value: '0001-01-01T00:00:00Z' },
  { label: 'no offset', value: '2025-01-01T00:00:00' },
  { label: 'date only', value: '2025-01-01' },
  { label: 'epoch millis', value: 1735689600000 },
  { label: 'negative epoch', value: -8.64e15 },
  { label: 'NaN text', value: 'NaN' },
];

const LOCAL_DATES: Hostile[] = [
  ...TEXT,
  { label: 'not a date', value: 'not a date', literal: true, core: true },
  { label: '30 February', value: '2025-02-30', literal: true, core: true },
  { label: 'year 99999', value: '99999-01-01' },
  { label: 'year 0', value: '0000-01-01' },
  { label: 'date-time', value: '2025-01-01T00:00:00Z' },
];

const INTS: Hostile[] = [
  { label: '-1', value: -1, core: true },
  { label: '0', value: 0 },
  { label: 'max 32-bit', value: 2147483647 },
  { label: 'min 32-bit', value: -2147483648 },
  { label: 'beyond 32 bits', value: 2147483648, core: true },
  { label: 'beyond safe integers', value: 2 ** 53 + 2 },
  { label: '1e308', value: 1e308 },
  { label: 'a fraction', value: 1.5, core: true },
  { label: 'numeric text', value: '1' },
  { label: 'NaN text', value: 'NaN' },
  { label: 'Infinity text', value: 'Infinity' },
  { label: 'a boolean', value: false },
  { label: 'an object', value: {} },
];

const FLOATS: Hostile[] = [
  { label: '-1e308', value: -1e308, core: true },
  { label: '1e308', value: 1e308 },
  { label: 'denormal', value: 5e-324 },
  { label: '-0', value: -0 },
  { label: '-1', value: -1 },
  { label: '1000', value: 1000 },
  { label: 'NaN text', value: 'NaN', core: true },
  { label: 'Infinity text', value: 'Infinity' },
  { label: 'numeric text', value: '1.5' },
  { label: 'a boolean', value: true },
  { label: 'a list', value: [1] },
];

const BOOLEANS: Hostile[] = [
  { label: 'text true', value: 'true', core: true },
  { label: 'number 1', value: 1 },
  { label: 'an object', value: {} },
];

const JSONS: Hostile[] = [
  { label: 'NUL in a key', value: { 'a\u0000': 1 }, core: true },
  { label: 'lone surrogate', value: ['\ud800'], core: true },
  { label: 'deep nesting', value: nested(200) },
];

/** Values by scalar name; a scalar that is not here makes the corpus fail to build. */
export const SCALAR_VALUES: Readonly<Record<string, Hostile[]>> = {
  String: TEXT,
  ID: IDS,
  Int: INTS,
  Float: FLOATS,
  Boolean: BOOLEANS,
  DateTimeISO: DATES,
  LocalDate: LOCAL_DATES,
  JSON: JSONS,
};

/** Every enum argument gets these. */
export const ENUM_VALUES: Hostile[] = [
  { label: 'unknown value', value: 'NOT_A_VALUE', core: true },
  { label: 'lower case', value: 'lowercase' },
  { label: 'empty', value: '' },
  { label: 'NUL', value: 'ACTIVE\u0000', core: true },
  { label: 'a number', value: 0 },
];

/** Every input object argument (and nested input field) gets these. */
export const OBJECT_VALUES: Hostile[] = [
  { label: 'empty object', value: {}, core: true },
  { label: 'unknown field', value: { __proto__x: 1, constructor: 'x' } },
  { label: 'a string', value: 'x', core: true },
  { label: 'a list', value: [] },
  { label: 'deep nesting', value: nested(500) },
];

/** Every list argument gets these, besides what its items get; `item` is a valid item. */
export function listValues(item: unknown): Hostile[] {
  return [
    { label: 'empty list', value: [], core: true },
    { label: '10,000 items', value: Array.from({ length: 10_000 }, () => item) },
    { label: 'a null item', value: [item, null] },
    { label: 'a list of lists', value: [[item]] },
  ];
}

/** Every non-null argument or field gets null; every argument gets a value of the wrong shape. */
export const NULL_VALUE: Hostile = { label: 'null', value: null, core: true };

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/**
 * Valid values for arguments that must be valid for a case to reach the hostile one (by field or
 * argument name), so a hostile value in one field is not refused only because its siblings are.
 */
export const VALID_BY_NAME: Readonly<Record<string, unknown>> = {
  preferredLanguage: 'es',
  languages: ['en'],
  contact: '+1 510 555 0100',
  contactMethod: 'PHONE',
  contactAllowed: true,
  displayName: 'Maria G.',
  needs: ['emergency-shelter'],
  categories: ['emergency-shelter'],
  categoryIds: ['emergency-shelter'],
  information: ['IDENTITY'],
  disclosingParty: 'Highland Hospital Social Work',
  purpose: 'To arrange shelter',
  revocationAcknowledged: true,
  expiresAt: '2099-01-01T00:00:00Z',
  signedAt: '2026-01-01T00:00:00Z',
  latitude: 37.8044,
  longitude: -122.2712,
  timeZone: 'America/Los_Angeles',
  name: 'Hostile input test',
  folder: 'Saved',
  phone: '+1 510 555 0100',
  email: 'test@example.org',
  website: 'https://example.org',
  opensAt: '09:00',
  closesAt: '17:00',
  date: '2026-12-25',
  radiusKm: 10,
  first: 5,
  expectedVersion: 1,
};

/** One `/hsds` endpoint: its path (`{id}` for the id in it) and the query parameters it accepts. */
export interface HsdsEndpoint {
  path: string;
  params: string[];
}

const PAGING = ['page', 'per_page', 'format'];
const FILTERS = ['search', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after'];

export const HSDS_ENDPOINTS: HsdsEndpoint[] = [
  { path: '/', params: [] },
  { path: '/services', params: [...FILTERS, ...PAGING, 'minimal', 'full'] },
  { path: '/services/{id}', params: [] },
  {
    path: '/service_at_locations',
    params: [...FILTERS, ...PAGING, 'full', 'lat', 'long', 'proximity'],
  },
  { path: '/organizations', params: ['search', ...PAGING, 'full', 'full_service'] },
  { path: '/organizations/{id}', params: ['full_service'] },
  { path: '/taxonomies', params: ['search', ...PAGING] },
  { path: '/taxonomies/{id}', params: [] },
  {
    path: '/taxonomy_terms',
    params: ['search', ...PAGING, 'taxonomy_id', 'top_only', 'parent_id'],
  },
  { path: '/taxonomy_terms/{id}', params: [] },
];

/** Query parameter values, already percent-encoded as they go on the wire. */
export const HSDS_PARAM_VALUES: Hostile[] = [
  { label: 'NUL', value: '%00' },
  { label: 'NUL inside', value: 'a%00b', core: true },
  { label: 'encoded lone high surrogate', value: '%ED%A0%80', core: true },
  { label: 'encoded lone low surrogate', value: 'a%ED%B0%80' },
  { label: 'overlong slash', value: '%C0%AF' },
  { label: 'invalid UTF-8', value: '%FF%FE', core: true },
  { label: 'a stray percent', value: '%' },
  { label: 'control characters', value: '%01%1B%7F' },
  { label: 'right-to-left override', value: '%E2%80%AE' },
  { label: 'emoji', value: '%F0%9F%98%80' },
  { label: '5,000 characters', value: 'x'.repeat(5000), core: true },
  { label: 'empty', value: '' },
  { label: 'blank', value: '%20%20' },
  { label: '-1', value: '-1', core: true },
  { label: '0', value: '0' },
  { label: '20 digits', value: '99999999999999999999' },
  { label: '1e309', value: '1e309', core: true },
  { label: 'NaN', value: 'NaN' },
  { label: 'Infinity', value: 'Infinity' },
  { label: 'hex', value: '0x10' },
  { label: 'fraction', value: '1.5' },
  { label: 'SQL injection', value: "x'%20OR%20'1'%3D'1'%3B--", core: true },
  { label: 'HTML', value: '%3Cscript%3Ealert(1)%3C%2Fscript%3E' },
  { label: 'LIKE wildcards', value: '%25_%5C' },
  { label: 'path traversal', value: '..%2F..%2Fetc%2Fpasswd' },
  { label: '30 February', value: '2025-02-30' },
  { label: 'not a date', value: 'not-a-date', core: true },
  { label: 'date with offset', value: '2025-01-01T00:00:00+02:00' },
  { label: 'year 275761', value: '275761-01-01' },
  { label: 'true', value: 'true' },
  { label: 'yes', value: 'yes' },
  { label: 'nil UUID', value: '00000000-0000-0000-0000-000000000000' },
];

/** Ways of writing one parameter that no value expresses: `name` stands for the parameter. */
export const HSDS_PARAM_SHAPES: Hostile[] = [
  { label: 'repeated', value: 'name=1&name=2', core: true },
  { label: 'array brackets', value: 'name[]=1' },
  { label: 'object brackets', value: 'name[a]=1', core: true },
  { label: 'deep brackets', value: `name${'[a]'.repeat(30)}=1` },
  { label: 'no value', value: 'name' },
  { label: 'NUL in the name', value: 'name%00=1', core: true },
];

/** Ids in a detail path, percent-encoded. */
export const HSDS_ID_VALUES: Hostile[] = [
  { label: 'NUL', value: '%00' },
  { label: 'UUID with NUL', value: '1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d%00' },
  { label: 'encoded lone surrogate', value: '%ED%A0%80' },
  { label: 'invalid UTF-8', value: '%FF' },
  { label: 'a stray percent', value: '%' },
  { label: 'nil UUID', value: '00000000-0000-0000-0000-000000000000' },
  { label: 'upper-case UUID', value: '1C4F6C84-A4A1-4F5A-9A4E-0B0F3B0E6A5D' },
  { label: 'not a UUID', value: 'not-an-id' },
  { label: 'SQL injection', value: "1'%20OR%20'1'%3D'1" },
  { label: 'encoded slash', value: '..%2Fgraphql' },
  { label: 'dot dot', value: '..' },
  { label: '5,000 characters', value: 'x'.repeat(5000) },
  { label: 'number', value: '-1' },
  { label: 'HTML', value: '%3Cb%3E' },
];

/** Other paths and methods under /hsds. */
export const HSDS_OTHER: { label: string; method: string; path: string }[] = [
  { label: 'unknown endpoint', method: 'GET', path: '/nothing' },
  { label: 'NUL in the path', method: 'GET', path: '/services%00' },
  { label: 'encoded traversal', method: 'GET', path: '/%2e%2e/graphql' },
  { label: 'backslash', method: 'GET', path: '/services%5C..%5C' },
  { label: 'POST', method: 'POST', path: '/services' },
  { label: 'DELETE', method: 'DELETE', path: '/services' },
  { label: 'PUT', method: 'PUT', path: '/organizations' },
  { label: 'HEAD', method: 'HEAD', path: '/services' },
  { label: 'OPTIONS', method: 'OPTIONS', path: '/services' },
  { label: 'unknown parameter', method: 'GET', path: '/services?zzz=1' },
  { label: 'postcode', method: 'GET', path: '/service_at_locations?postcode=94607' },
  { label: 'long without lat', method: 'GET', path: '/service_at_locations?long=1' },
  { label: 'proximity without point', method: 'GET', path: '/service_at_locations?proximity=5' },
  { label: '2,000 parameters', method: 'GET', path: `/services?${'a=1&'.repeat(2000)}` },
];

/** Requests that are wrong as a whole, not in one argument: the request body (a JSON value) as sent. */
export const OPERATION_CASES: { label: string; body: unknown }[] = [
  {
    label: 'two operations, no operationName',
    body: { query: 'query A { categories { id } } query B { categories { id } }' },
  },
  {
    label: 'unknown operationName',
    body: { query: 'query A { categories { id } }', operationName: 'Z' },
  },
  {
    label: 'operationName of an anonymous operation',
    body: { query: '{ categories { id } }', operationName: 'A' },
  },
  {
    label: 'operationName with NUL',
    body: { query: 'query A { categories { id } }', operationName: 'A\u0000' },
  },
  {
    label: 'operationName not a string',
    body: { query: '{ categories { id } }', operationName: 1 },
  },
  { label: 'subscription', body: { query: 'subscription S { categories { id } }' } },
  {
    label: 'anonymous subscription',
    body: { query: 'subscription { searchIndexStatus { ready } }' },
  },
  {
    label: 'subscription beside a query',
    body: {
      query: 'query Q { categories { id } } subscription S { categories { id } }',
      operationName: 'S',
    },
  },
  {
    label: 'persisted query hash mismatch',
    body: {
      query: '{ categories { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    },
  },
  {
    label: 'persisted query hash not hex',
    body: {
      query: '{ categories { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'not a hash' } },
    },
  },
  {
    label: 'persisted query hash not a string',
    body: {
      query: '{ categories { id } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 42 } },
    },
  },
  {
    label: 'persisted query version 2',
    body: {
      query: '{ categories { id } }',
      extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } },
    },
  },
  {
    label: 'persisted query not an object',
    body: { query: '{ categories { id } }', extensions: { persistedQuery: 'x' } },
  },
  {
    label: 'persisted query unknown hash',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } },
  },
  { label: 'extensions not an object', body: { query: '{ categories { id } }', extensions: 'x' } },
  { label: 'query not a string', body: { query: 42 } },
  { label: 'query null', body: { query: null } },
  { label: 'empty query', body: { query: '' } },
  { label: 'query with only a comment', body: { query: '# nothing' } },
  { label: 'query with NUL outside a string', body: { query: '{ categories \u0000 { id } }' } },
  { label: 'variables not an object', body: { query: '{ categories { id } }', variables: 'x' } },
  { label: 'variables a list', body: { query: '{ categories { id } }', variables: [1] } },
  { label: 'empty body object', body: {} },
  { label: 'a JSON list (batch)', body: [{ query: '{ categories { id } }' }] },
  { label: 'a JSON string', body: 'query' },
  { label: 'a JSON number', body: 1 },
  { label: 'JSON null', body: null },
  {
    label: 'undeclared variable',
    body: { query: '{ resource(id: $id) { id } }', variables: { id: 'x' } },
  },
  {
    label: 'variable of the wrong type',
    body: { query: 'query($id: Int) { resource(id: $id) { id } }', variables: { id: 1 } },
  },
  {
    label: 'introspection with a NUL argument',
    body: { query: '{ __type(name: "Resource\\u0000") { name } }' },
  },
  { label: 'mutation over a query-only body', body: { query: 'mutation { nothing }' } },
  { label: 'a directive with NUL', body: { query: '{ categories @skip(if: "\\u0000") { id } }' } },
];
