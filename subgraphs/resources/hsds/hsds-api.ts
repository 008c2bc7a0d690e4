import express, { type Request, type Response, type Router } from 'express';
import { ErrorCode, errorBody, NotFoundError } from '../../kit/errors';
import { signedRequest } from '../../kit/server';
import { isUuid } from '../../kit/ids';
import {
  parseNoParams,
  parseOrganizationDetail,
  parseOrganizationList,
  parseServiceAtLocationList,
  parseServiceList,
  parseTaxonomyList,
  parseTaxonomyTermList,
} from './hsds-params';
import { hsdsPage, type HsdsStore } from './hsds-queries';
import { HsdsTaxonomy } from './hsds-taxonomy';

/**
 * The `/` document. We serve HSDS 3.0 itself, no profile of it, so `profile` names the 3.0
 * specification; `openapi_url` is Open Referral's own API file, whose paths and parameters these are.
 */
export const HSDS_ROOT = Object.freeze({
  version: '3.0',
  profile: 'https://docs.openreferral.org/en/3.0/',
  openapi_url:
    'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
});

const ENDPOINTS = [
  '/services',
  '/services/{id}',
  '/organizations',
  '/organizations/{id}',
  '/service_at_locations',
  '/taxonomies',
  '/taxonomies/{id}',
  '/taxonomy_terms',
  '/taxonomy_terms/{id}',
];

const id = (req: Request) => String(req.params.id);

/**
 * The read-only HSDS 3.0 API (Open Referral's OpenAPI file), published listings only. The gateway
 * serves it under /hsds; here it sits behind the kit's signature check like /graphql.
 */
export function hsdsRouter(store: HsdsStore): Router {
  const router = express.Router();

  router.get('/', (req, res) => {
    parseNoParams(req.query);
    res.json(HSDS_ROOT);
  });

  router.get('/services', async (req, res) => {
    const q = parseServiceList(req.query);
    res.json(await store.services(q, await store.taxonomy()));
  });

  router.get('/services/:id', async (req, res) => {
    parseNoParams(req.query);
    const doc = isUuid(id(req))
      ? await store.service(id(req).toLowerCase(), await store.taxonomy())
      : null;
    if (!doc) throw new NotFoundError('Service', id(req));
    res.json(doc);
  });

  router.get('/service_at_locations', async (req, res) => {
    const q = parseServiceAtLocationList(req.query);
    res.json(await store.serviceAtLocations(q, await store.taxonomy()));
  });

  router.get('/organizations', async (req, res) => {
    const q = parseOrganizationList(req.query);
    res.json(await store.organizations(q, await store.taxonomy()));
  });

  router.get('/organizations/:id', async (req, res) => {
    const { fullService } = parseOrganizationDetail(req.query);
    const doc = isUuid(id(req))
      ? await store.organization(id(req).toLowerCase(), fullService, await store.taxonomy())
      : null;
    if (!doc) throw new NotFoundError('Organization', id(req));
    res.json(doc);
  });

  router.get('/taxonomies', async (req, res) => {
    const q = parseTaxonomyList(req.query);
    const all = (await store.taxonomy())
      .taxonomies()
      .filter((t) => !q.search || HsdsTaxonomy.matches([t.name, t.description], q.search));
    res.json(pageOf(q.paging, all));
  });

  router.get('/taxonomies/:id', async (req, res) => {
    parseNoParams(req.query);
    const found = (await store.taxonomy()).taxonomies().find((t) => t.id === id(req));
    if (!found) throw new NotFoundError('Taxonomy', id(req));
    res.json(found);
  });

  router.get('/taxonomy_terms', async (req, res) => {
    const q = parseTaxonomyTermList(req.query);
    const terms = (await store.taxonomy()).terms.filter(
      (t) =>
        (!q.search || HsdsTaxonomy.matches([t.name, t.description, t.code], q.search)) &&
        (!q.taxonomyId ||
          t.taxonomy_id === q.taxonomyId ||
          (t.taxonomy_detail as { id?: unknown } | undefined)?.id === q.taxonomyId) &&
        (!q.parentId || t.parent_id === q.parentId) &&
        // "top" terms: those under no other term.
        (!q.topOnly || !t.parent_id),
    );
    res.json(pageOf(q.paging, terms));
  });

  router.get('/taxonomy_terms/:id', async (req, res) => {
    parseNoParams(req.query);
    const term = (await store.taxonomy()).term(id(req));
    if (!term) throw new NotFoundError('Taxonomy term', id(req));
    res.json(term);
  });

  router.use((req: Request, res: Response) => {
    const { requestId } = signedRequest(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      res
        .status(405)
        .json(
          errorBody(
            `The HSDS API is read-only: ${req.method} is not allowed; use GET.`,
            'METHOD_NOT_ALLOWED',
            requestId,
          ),
        );
      return;
    }
    res
      .status(404)
      .json(
        errorBody(
          `There is no HSDS endpoint at ${JSON.stringify(req.originalUrl.split('?')[0].slice(0, 200))}; this API serves ${ENDPOINTS.map((e) => `${req.baseUrl}${e}`).join(', ')}.`,
          ErrorCode.NOT_FOUND,
          requestId,
        ),
      );
  });
  return router;
}

function pageOf<T>(paging: { page: number; perPage: number }, all: T[]) {
  const start = (paging.page - 1) * paging.perPage;
  return hsdsPage(paging, all.length, all.slice(start, start + paging.perPage));
}
