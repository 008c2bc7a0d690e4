import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsdsSpecDir } from '../subgraphs/resources/test/hsds-paths';
import {
  describeErrors,
  hsdsValidators,
  type HsdsValidators,
} from '../subgraphs/resources/test/hsds-schemas';
import { ANONYMOUS } from '../subgraphs/kit/identity';
import type { MikroORM } from '../subgraphs/kit/orm';
import { Address } from '../subgraphs/resources/location/address.entity';
import { Location } from '../subgraphs/resources/location/location.entity';
import { Organization } from '../subgraphs/resources/organization/organization.entity';
import { Resource } from '../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { createListing } from './support/fixtures';
import { firstError, signFor } from './support/http';
import { startStack, type TestStack } from './support/stack';

type Doc = Record<string, unknown>;
interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Doc[];
}
interface Answer<T = Doc> {
  status: number;
  headers: Headers;
  text: string;
  body: T & { errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const spec = hsdsSpecDir();
if (!spec)
  console.warn(
    'HSDS API schema checks skipped: ../shared/hsds-3.0 (the official schemas) is not there.',
  );
let validators: HsdsValidators | undefined;

/** Checks documents against an official compiled schema, when the schemas are there. */
function expectValid(kind: keyof HsdsValidators, docs: Doc[]): void {
  if (!validators) return;
  const validate = validators[kind];
  for (const doc of docs)
    expect(validate(doc), `${kind} ${String(doc.id)}: ${describeErrors(validate)}`).toBe(true);
}

const OAKLAND = { lat: 37.8044, long: -122.2712 };
/** About 1 km of latitude, in degrees. */
const KM = 1 / 111.2;

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  if (spec) {
    validators = hsdsValidators(spec);
    // Compiling the official schemas takes seconds: once, outside the tests' time limit.
    const all = validators;
    for (const kind of Object.keys(all) as (keyof HsdsValidators)[]) all[kind]({});
  }
});
afterAll(() => stack?.stop());

async function hsds<T = Doc>(
  path: string,
  init: RequestInit = {},
  base = stack.gatewayUrl,
): Promise<Answer<T>> {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (text ? JSON.parse(text) : {}) as Answer<T>['body'],
  };
}

const page = (path: string) => hsds<Page>(path);

interface Place {
  name: string;
  lat: number;
  long: number;
}

/** An organization with listings (each at every one of its places) of the given names and statuses. */
async function createOrganization(
  orm: MikroORM,
  listings: {
    name: string;
    status?: ResourceStatus;
    categoryIds?: string[];
    description?: string;
  }[],
  places: Place[] = [{ name: 'Main site', ...OAKLAND }],
) {
  const em = orm.em.fork();
  const tag = randomBytes(3).toString('hex');
  const organization = em.create(Organization, {
    name: `HSDS Org ${tag}`,
    description: 'Helps people.',
  });
  const locations = places.map((p) =>
    em.create(Location, {
      organization,
      name: `${p.name} ${tag}`,
      address: Object.assign(new Address(), {
        address1: '1 Broadway',
        city: 'Oakland',
        stateProvince: 'CA',
        postalCode: '94607',
        country: 'US',
      }),
      latitude: p.lat,
      longitude: p.long,
      timeZone: 'America/Los_Angeles',
      schedule: { weekly: [{ day: 'MONDAY', opensAt: '09:00', closesAt: '17:00' }], closures: [] },
    }),
  );
  const resources = listings.map((l) => {
    const resource = em.create(Resource, {
      organization,
      name: `${l.name} ${tag}`,
      description: l.description ?? null,
      status: l.status ?? ResourceStatus.ACTIVE,
      categoryIds: l.categoryIds ?? ['emergency-shelter'],
      languages: ['en'],
      acceptsReferrals: true,
    });
    for (const location of locations) resource.locations.add(location);
    return resource;
  });
  await em.flush();
  return { organization, locations, resources, tag };
}

/** Every item of a list, page after page, checking the Page fields on the way. */
async function allPages(path: string, perPage: number): Promise<Doc[]> {
  const out: Doc[] = [];
  for (let n = 1; ; n++) {
    const res = await page(`${path}&per_page=${perPage}&page=${n}`);
    expect(res.status, res.text).toBe(200);
    out.push(...res.body.contents);
    if (res.body.last_page) return out;
    expect(n).toBeLessThan(100);
  }
}

async function termId(code: string): Promise<string> {
  const terms = await allPages('/hsds/taxonomy_terms?search=', 100);
  const term = terms.find((t) => t.code === code);
  if (!term) throw new Error(`no taxonomy term with code ${code}`);
  return term.id as string;
}

describe('the HSDS API through the gateway', () => {
  it('answers the root document at /hsds/ and /hsds, as JSON with a request id', async () => {
    for (const path of ['/hsds/', '/hsds']) {
      const res = await hsds(path, { headers: { 'x-request-id': 'hsds-root-1' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.headers.get('x-request-id')).toBe('hsds-root-1');
      expect(res.body).toEqual({
        version: '3.0',
        profile: expect.stringMatching(/^https:\/\//) as unknown,
        openapi_url:
          'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
      });
    }
  });

  it('pages services with the HSDS Page fields, one-to-one fields only, in id order, past the end empty', async () => {
    const { organization, resources } = await createOrganization(stack.resources.orm, [
      ...['A', 'B', 'C', 'D', 'E'].map((n) => ({ name: `Paged ${n}` })),
      { name: 'Paged hidden', status: ResourceStatus.INACTIVE },
    ]);
    const published = resources
      .filter((r) => r.status === ResourceStatus.ACTIVE)
      .map((r) => r.id)
      .sort();
    const path = `/hsds/services?organization_id=${organization.id}`;

    const first = await page(`${path}&per_page=2`);
    expect(first.status).toBe(200);
    const { contents, ...fields } = first.body;
    expect(fields).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(contents.map((s) => s.id)).toEqual(published.slice(0, 2));
    // List items are shallow (service_list.json): no arrays, the organization without its own lists.
    expect(contents[0]).toMatchObject({
      organization_id: organization.id,
      status: 'active',
      organization: { id: organization.id, name: organization.name },
    });
    expect(Object.values(contents[0]).some(Array.isArray)).toBe(false);
    expectValid('serviceList', contents);

    const last = await page(`${path}&per_page=2&page=3`);
    expect(last.body).toMatchObject({
      total_items: 5,
      total_pages: 3,
      page_number: 3,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    expect(last.body.contents.map((s) => s.id)).toEqual(published.slice(4));

    const beyond = await page(`${path}&per_page=2&page=4`);
    expect(beyond.status).toBe(200);
    expect(beyond.body).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 4,
      size: 0,
      first_page: false,
      last_page: true,
      empty: true,
      contents: [],
    });

    expect((await allPages(path, 2)).map((s) => s.id)).toEqual(published);
    // Without per_page: one page of at most 50.
    expect((await page(path)).body).toMatchObject({
      total_items: 5,
      total_pages: 1,
      size: 5,
      last_page: true,
    });
    // full=true: whole service documents.
    const full = await page(`${path}&per_page=1&full=true`);
    expect(full.body.contents[0]).toHaveProperty('service_at_locations');
    expectValid('service', full.body.contents);
  });

  it('serves one service whole, valid against the official compiled service.json', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm);
    const res = await hsds(`/hsds/services/${resource.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: resource.id,
      name: resource.name,
      status: 'active',
      organization: { id: organization.id, name: organization.name },
      service_at_locations: [
        {
          service_id: resource.id,
          location_id: location.id,
          location: { id: location.id, latitude: 37.8044 },
        },
      ],
      languages: [expect.objectContaining({ code: 'en' }), expect.objectContaining({ code: 'es' })],
    });
    expect(res.body.attributes).toContainEqual(
      expect.objectContaining({
        taxonomy_term: expect.objectContaining({ code: 'emergency-shelter' }) as unknown,
      }),
    );
    expectValid('service', [res.body]);
    if (validators) expect(validators.service({ ...res.body, not_in_hsds: true })).toBe(false);

    const upper = await hsds(`/hsds/services/${resource.id.toUpperCase()}`);
    expect(upper.body.id).toBe(resource.id);
    for (const id of [randomUUID(), 'not-an-id']) {
      const missing = await hsds(`/hsds/services/${id}`);
      expect(missing.status).toBe(404);
      expect(firstError(missing.body).extensions).toMatchObject({
        code: 'NOT_FOUND',
        requestId: expect.any(String) as unknown,
      });
      expect(firstError(missing.body).message).toContain(id);
    }
  });

  it('keeps unpublished listings out of every list and detail', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm, {
      status: ResourceStatus.INACTIVE,
    });
    const services = await page(`/hsds/services?organization_id=${organization.id}`);
    expect(services.body).toMatchObject({ total_items: 0, empty: true, contents: [] });
    expect((await hsds(`/hsds/services/${resource.id}`)).status).toBe(404);
    const sal = await page(`/hsds/service_at_locations?organization_id=${organization.id}`);
    expect(sal.body.total_items).toBe(0);
    // An organization whose only listing is inactive is not in the public directory.
    const orgs = await allPages(
      `/hsds/organizations?search=${encodeURIComponent(organization.name)}`,
      100,
    );
    expect(orgs.map((o) => o.id)).not.toContain(organization.id);
    expect((await hsds(`/hsds/organizations/${organization.id}`)).status).toBe(404);
    expect((await hsds(`/hsds/organizations/${organization.id}`)).text).not.toContain(
      location.name,
    );

    // Published again, it is everywhere.
    await stack.resources.orm.em
      .fork()
      .getConnection()
      .execute(`update resource set status = 'TEMPORARILY_CLOSED' where id = ?`, [resource.id]);
    expect((await hsds(`/hsds/services/${resource.id}`)).body).toMatchObject({
      status: 'temporarily closed',
    });
    expect((await page(`/hsds/services?organization_id=${organization.id}`)).body.total_items).toBe(
      1,
    );
    expect((await hsds(`/hsds/organizations/${organization.id}`)).status).toBe(200);
  });

  it('lists and serves organizations with their published listings and locations', async () => {
    const { organization, locations, resources, tag } = await createOrganization(
      stack.resources.orm,
      [{ name: 'Org shelter' }, { name: 'Org hidden', status: ResourceStatus.DEFUNCT }],
    );
    const list = await page(`/hsds/organizations?search=${tag}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      total_items: 1,
      size: 1,
      contents: [{ id: organization.id, name: organization.name, description: 'Helps people.' }],
    });
    expectValid('organizationList', list.body.contents);
    const listed = await allPages('/hsds/organizations?search=HSDS+Org', 2);
    expect(listed.map((o) => o.id)).toEqual([...listed.map((o) => o.id as string)].sort());

    const detail = await hsds(`/hsds/organizations/${organization.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: organization.id,
      locations: [{ id: locations[0].id }],
      services: [{ id: resources[0].id }],
    });
    expect((detail.body.services as Doc[]).length).toBe(1);
    // Services in an organization are brief unless full_service=true.
    expect(detail.body.services as Doc[]).not.toContainEqual(
      expect.objectContaining({ attributes: expect.anything() as unknown }),
    );
    expectValid('organization', [detail.body]);
    const full = await hsds(`/hsds/organizations/${organization.id}?full_service=true`);
    expect((full.body.services as Doc[])[0]).toHaveProperty('attributes');
    expectValid('organization', [full.body]);
  });

  it('filters services by search, taxonomy term (a parent matches its children), organization and modified_after', async () => {
    // Letters only: a word with digits is not stemmed by Postgres's english configuration.
    const word = `zq${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
    const { organization, resources } = await createOrganization(stack.resources.orm, [
      { name: `Shelter ${word}`, categoryIds: ['emergency-shelter'] },
      {
        name: 'Pantry',
        categoryIds: ['food-pantry'],
        description: `Groceries weekly, ask for ${word}pantries.`,
      },
      { name: 'Clinic', categoryIds: ['primary-care'] },
    ]);
    const [shelter, pantry, clinic] = resources.map((r) => r.id);
    const ids = async (query: string) => {
      const res = await page(`/hsds/services?organization_id=${organization.id}&${query}`);
      expect(res.status, res.text).toBe(200);
      return res.body.contents.map((s) => s.id).sort();
    };
    expect(await ids(`search=${word}`)).toEqual([shelter]);
    expect(await ids(`search=${word}pantry`)).toEqual([pantry]);
    expect(await ids(`search=${word.toUpperCase()}`)).toEqual([shelter]);
    expect(await ids(`search=nothing+like+this+${word}x`)).toEqual([]);

    expect(await ids(`taxonomy_term_id=${await termId('housing')}`)).toEqual([shelter]);
    expect(await ids(`taxonomy_term_id=${await termId('emergency-shelter')}`)).toEqual([shelter]);
    expect(await ids(`taxonomy_term_id=${await termId('food')}`)).toEqual([pantry]);
    expect(await ids(`taxonomy_term_id=${await termId('transitional-housing')}`)).toEqual([]);
    expect(await ids(`taxonomy_term_id=${randomUUID()}`)).toEqual([]);

    // Another organization's listing is not in this one's list.
    const other = await createListing(stack.resources.orm);
    expect(await ids(`taxonomy_term_id=${await termId('housing')}`)).not.toContain(
      other.resource.id,
    );
    expect(
      (await page(`/hsds/services?organization_id=${other.organization.id}`)).body.contents.map(
        (s) => s.id,
      ),
    ).toEqual([other.resource.id]);

    await stack.resources.orm.em
      .fork()
      .getConnection()
      .execute(`update resource set updated_at = '2020-06-01T00:00:00Z' where id = ?`, [clinic]);
    expect(await ids('modified_after=2024-01-01')).toEqual([shelter, pantry].sort());
    expect(await ids('modified_after=2020-06-01T00:00:00Z')).toEqual(
      [shelter, pantry, clinic].sort(),
    );
    expect(await ids('modified_after=2020-06-01T00:00:01Z')).toEqual([shelter, pantry].sort());
    // An offset sent unencoded: "+02:00" arrives as " 02:00".
    expect(await ids('modified_after=2020-06-01T02:00:00+02:00')).toEqual(
      [shelter, pantry, clinic].sort(),
    );
    // Filters combine.
    expect(
      await ids(`modified_after=2024-01-01&taxonomy_term_id=${await termId('clinics')}`),
    ).toEqual([]);
  });

  it('finds service_at_locations within proximity meters of lat/long, nearest first', async () => {
    const places: Place[] = [
      { name: 'Four km north', lat: OAKLAND.lat + 4 * KM, long: OAKLAND.long },
      { name: 'Center', ...OAKLAND },
      { name: 'San Francisco', lat: 37.7793, long: -122.4193 },
      { name: 'Two km north', lat: OAKLAND.lat + 2 * KM, long: OAKLAND.long },
    ];
    const { organization, locations, resources } = await createOrganization(
      stack.resources.orm,
      [{ name: 'Everywhere' }],
      places,
    );
    const [four, center, sf, two] = locations.map((l) => l.id);
    const near = (query: string) =>
      page(
        `/hsds/service_at_locations?organization_id=${organization.id}&lat=${OAKLAND.lat}&long=${OAKLAND.long}&${query}`,
      );

    const within3km = await near('proximity=3000');
    expect(within3km.status, within3km.text).toBe(200);
    expect(within3km.body.contents.map((s) => s.location_id)).toEqual([center, two]);
    expect(within3km.body.total_items).toBe(2);
    expect(within3km.body.contents[0]).toMatchObject({
      service_id: resources[0].id,
      location: { id: center, latitude: OAKLAND.lat },
      service: { id: resources[0].id, organization: { id: organization.id } },
    });
    expectValid('serviceAtLocationList', within3km.body.contents);

    expect((await near('proximity=5000')).body.contents.map((s) => s.location_id)).toEqual([
      center,
      two,
      four,
    ]);
    expect((await near('proximity=20000')).body.contents.map((s) => s.location_id)).toEqual([
      center,
      two,
      four,
      sf,
    ]);
    // Without proximity: every one, nearest first; paging keeps that order.
    expect(
      (
        await allPages(
          `/hsds/service_at_locations?organization_id=${organization.id}&lat=${OAKLAND.lat}&long=${OAKLAND.long}`,
          3,
        )
      ).map((s) => s.location_id),
    ).toEqual([center, two, four, sf]);
    const second = await near('per_page=2&page=2');
    expect(second.body).toMatchObject({
      total_items: 4,
      total_pages: 2,
      page_number: 2,
      size: 2,
      last_page: true,
    });
    expect(second.body.contents.map((s) => s.location_id)).toEqual([four, sf]);
    // From San Francisco the order turns around.
    const fromSf = await page(
      `/hsds/service_at_locations?organization_id=${organization.id}&lat=37.7793&long=-122.4193&proximity=100000`,
    );
    expect(fromSf.body.contents.map((s) => s.location_id)).toEqual([sf, center, two, four]);
    // Without a point: every pair, in id order, filters still apply.
    const all = await page(
      `/hsds/service_at_locations?organization_id=${organization.id}&search=Everywhere`,
    );
    expect(all.body.total_items).toBe(4);
    const full = await page(
      `/hsds/service_at_locations?organization_id=${organization.id}&per_page=1&full=true`,
    );
    expect(full.body.contents[0]).toMatchObject({
      service: { id: resources[0].id, attributes: expect.any(Array) as unknown },
      location: { addresses: expect.any(Array) as unknown },
    });
  });

  it('lists taxonomy terms and the taxonomy, and serves one term', async () => {
    const housing = await termId('housing');
    const children = await allPages(`/hsds/taxonomy_terms?parent_id=${housing}`, 100);
    expect(children.map((t) => t.code)).toEqual(
      expect.arrayContaining(['emergency-shelter', 'transitional-housing']),
    );
    expect(children.every((t) => t.parent_id === housing)).toBe(true);
    expectValid('taxonomyTerm', children);
    const top = await allPages('/hsds/taxonomy_terms?top_only=true', 100);
    expect(top.map((t) => t.code)).toContain('housing');
    expect(top.map((t) => t.code)).not.toContain('emergency-shelter');
    const term = await hsds(`/hsds/taxonomy_terms/${housing}`);
    expect(term.body).toMatchObject({ id: housing, code: 'housing', name: 'Housing' });
    expect((await hsds(`/hsds/taxonomy_terms/${randomUUID()}`)).status).toBe(404);

    const taxonomies = await page('/hsds/taxonomies');
    expect(taxonomies.body.contents).toContainEqual(
      expect.objectContaining({ id: term.body.taxonomy_id, name: 'resource-referral-hub' }),
    );
    expectValid('taxonomy', taxonomies.body.contents);
    expect((await hsds(`/hsds/taxonomies/${term.body.taxonomy_id as string}`)).body).toMatchObject({
      id: term.body.taxonomy_id,
    });
  });

  it.each([
    ['/hsds/services?page=0', 'page'],
    ['/hsds/services?page=abc', 'page'],
    ['/hsds/services?per_page=1000', 'per_page'],
    ['/hsds/services?per_page=101', 'per_page'],
    ['/hsds/services?per_page=-1', 'per_page'],
    ['/hsds/services?page=1&page=2', 'page'],
    ['/hsds/services?organization_id=not-a-uuid', 'organization_id'],
    ['/hsds/services?modified_after=yesterday', 'modified_after'],
    ['/hsds/services?modified_after=2025-02-30', 'modified_after'],
    ['/hsds/services?search=' + 'x'.repeat(201), 'search'],
    ['/hsds/services?format=ndjson', 'format'],
    ['/hsds/services?full=maybe', 'full'],
    ['/hsds/services?organisation_id=1', 'organisation_id'],
    ['/hsds/services/' + randomUUID() + '?full=true', 'full'],
    ['/hsds/service_at_locations?lat=200&long=0', 'lat'],
    ['/hsds/service_at_locations?lat=37.8&long=-190', 'long'],
    ['/hsds/service_at_locations?lat=37.8', 'long'],
    ['/hsds/service_at_locations?lat=NaN&long=1', 'lat'],
    ['/hsds/service_at_locations?proximity=1000', 'proximity'],
    ['/hsds/service_at_locations?lat=37.8&long=-122.2&proximity=0', 'proximity'],
    ['/hsds/service_at_locations?lat=37.8&long=-122.2&proximity=900000', 'proximity'],
    ['/hsds/service_at_locations?postcode=94607&proximity=1000', 'postcode'],
    ['/hsds/organizations?organization_id=' + randomUUID(), 'organization_id'],
    ['/hsds/taxonomy_terms?top_only=yes', 'top_only'],
  ])('refuses %s with 400 BAD_USER_INPUT naming %s', async (path, field) => {
    const res = await hsds(path, { headers: { 'x-request-id': 'hsds-bad-1' } });
    expect(res.status, res.text).toBe(400);
    const error = firstError(res.body);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: 'hsds-bad-1', field });
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(res.text).not.toMatch(/\.ts:\d|at \w+ \(|127\.0\.0\.1/);
  });

  it('answers unknown paths 404 and other methods 405, in JSON, never reaching past /hsds', async () => {
    const unknown = await hsds('/hsds/locations');
    expect(unknown.status).toBe(404);
    expect(firstError(unknown.body).extensions?.code).toBe('NOT_FOUND');
    expect(firstError(unknown.body).message).toContain('/hsds/services');
    expect(unknown.text).not.toContain(new URL(stack.resourcesUrl).port);

    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await hsds('/hsds/services', {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(firstError(res.body).extensions?.code).toBe('METHOD_NOT_ALLOWED');
    }
    const head = await fetch(new URL('/hsds/services?per_page=1', stack.gatewayUrl), {
      method: 'HEAD',
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/application\/json/);

    // Raw paths a URL parser would rewrite: they must not reach the subgraph's /graphql.
    const gateway = new URL(stack.gatewayUrl);
    for (const path of [
      '/hsds/../graphql?query=%7B__typename%7D',
      '/hsds/%2e%2e/graphql?query=%7B__typename%7D',
      '/hsds/..%2fgraphql?query=%7B__typename%7D',
      '/hsds/..%5Cgraphql?query=%7B__typename%7D',
    ]) {
      const raw = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: gateway.hostname, port: gateway.port, path, method: 'GET' },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, text }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(raw.status, path).toBe(404);
      expect(raw.text).not.toContain('__typename');
    }
  });

  it('reads anonymously or with a valid token, and refuses a token that does not verify', async () => {
    const token = await stack.token({ roles: ['peer'] });
    expect(
      (await hsds('/hsds/services?per_page=1', { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(200);
    const bad = await hsds('/hsds/services?per_page=1', {
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(bad.status).toBe(401);
    expect(firstError(bad.body).extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await hsds('/hsds/services?per_page=1')).headers.get('access-control-allow-origin'),
    ).toBe('*');
  });

  it('the subgraph refuses /hsds requests the gateway did not sign', async () => {
    const path = '/hsds/services?per_page=1';
    const direct = (headers: Record<string, string>) => hsds(path, { headers }, stack.resourcesUrl);
    const target = { url: new URL(path, stack.resourcesUrl).toString(), audience: 'resources' };
    const get = { ...target, method: 'GET' };
    const unsigned = await direct({});
    expect(unsigned.status).toBe(401);
    expect(firstError(unsigned.body).extensions?.code).toBe('UNAUTHENTICATED');
    expect(unsigned.text).not.toContain('contents');
    const forged = await direct(signFor(ANONYMOUS, randomBytes(32).toString('hex'), get));
    expect(forged.status).toBe(401);
    // The same request signed with the shared secret is answered: the signature is what was missing.
    const headers = signFor(ANONYMOUS, stack.resources.identitySecret, get);
    const signed = await direct(headers);
    expect(signed.status).toBe(200);
    expect(signed.body).toHaveProperty('contents');
    // Once only, and only for that path and query.
    expect((await direct(headers)).status).toBe(401);
    const otherQuery = signFor(ANONYMOUS, stack.resources.identitySecret, {
      ...get,
      url: new URL('/hsds/services?per_page=2', stack.resourcesUrl).toString(),
    });
    expect((await direct(otherQuery)).status).toBe(401);
  });
});

describe('the HSDS API shares the GraphQL rate limits', () => {
  let limited: TestStack;
  beforeAll(async () => {
    limited = await startStack({ rateLimit: { perAddressPerMinute: 3 } });
  });
  afterAll(() => limited?.stop());

  it('answers 3 requests a minute from one address, then 429 RATE_LIMITED, for /hsds and /graphql alike', async () => {
    const get = () => fetch(new URL('/hsds/services?per_page=1', limited.gatewayUrl));
    for (let i = 0; i < 3; i++) expect((await get()).status, `request ${i + 1}`).toBe(200);
    const res = await get();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as Answer['body'];
    expect(firstError(body).extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number) as unknown,
    });
    // One allowance per address, whichever API spends it.
    expect((await limited.gql('{ categories { id } }')).status).toBe(429);
  });
});
