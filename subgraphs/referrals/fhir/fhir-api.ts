import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { FhirResource, Task } from 'fhir/r4';
import { GraphQLError } from 'graphql';
import { ErrorCode, errorCodeOf, internalErrorMessage } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { SubgraphRuntime } from '../../kit/subgraph';
import { signedRequest } from '../../kit/server';
import { ReferralConsent } from '../consent/consent.entity';
import { referralsContext, type ReferralsContext } from '../context';
import type { FhirResourceKind } from '../referral/referral-disclosure.service';
import { assertVersion } from '../../kit/orm-errors';
import { fhirTaskStatus } from '../referral/referral-lifecycle';
import type { Referral } from '../referral/referral.entity';
import type { ReferralsServices } from '../services';
import {
  capabilityStatement,
  FHIR_JSON,
  FhirError,
  operationOutcome,
  organizationResource,
  restResources,
  taskSearchset,
  type IssueType,
  type RestResources,
} from './fhir-rest';
import { parseTaskSearch, searchLinks } from './fhir-search';
import { parseTaskUpdate } from './fhir-task-update';

/** The gateway's public address of /fhir, for links and fullUrls; the subgraph's own when absent. */
export const FHIR_BASE_HEADER = 'x-fhir-base';

function baseOf(req: Request): string {
  const given = req.headers[FHIR_BASE_HEADER];
  if (typeof given === 'string') {
    try {
      const url = new URL(given);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.endsWith('/fhir'))
        return `${url.origin}${url.pathname}`;
    } catch {
      // Not a URL: fall back to our own address.
    }
  }
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/fhir`;
}

const send = (res: Response, status: number, body: FhirResource) =>
  void res.status(status).type(FHIR_JSON).send(JSON.stringify(body));

const etag = (res: Response, referral: Referral) =>
  void res.setHeader('ETag', `W/"${referral.version}"`);

/** The HTTP status and FHIR issue type of an error our services throw (GraphQL codes). */
const STATUS_OF_CODE: Readonly<Record<string, [number, IssueType]>> = {
  [ErrorCode.BAD_USER_INPUT]: [400, 'invalid'],
  [ErrorCode.UNAUTHENTICATED]: [401, 'login'],
  [ErrorCode.FORBIDDEN]: [403, 'forbidden'],
  [ErrorCode.NOT_FOUND]: [404, 'not-found'],
  [ErrorCode.CONFLICT]: [409, 'conflict'],
  [ErrorCode.RATE_LIMITED]: [429, 'throttled'],
  [ErrorCode.SERVICE_UNAVAILABLE]: [503, 'transient'],
};

/** The lifecycle's refusals of a change (`field` of its BAD_USER_INPUT): FHIR's 422. */
const LIFECYCLE_FIELDS: ReadonlySet<string> = new Set(['to', 'reasonCode', 'outcome']);

function refusal(error: unknown): { status: number; issue: IssueType; message: string } | null {
  if (error instanceof FhirError)
    return { status: error.status, issue: error.issue, message: error.message };
  if (!(error instanceof GraphQLError)) return null;
  const code = errorCodeOf(error);
  const known = code ? STATUS_OF_CODE[code] : undefined;
  if (!known) return null;
  const { field, currentVersion } = error.extensions as {
    field?: unknown;
    currentVersion?: unknown;
  };
  if (code === ErrorCode.BAD_USER_INPUT && typeof field === 'string' && LIFECYCLE_FIELDS.has(field))
    return { status: 422, issue: 'business-rule', message: error.message };
  // A version the client named that is not the current one: the precondition failed.
  if (code === ErrorCode.CONFLICT && typeof currentVersion === 'number')
    return { status: 412, issue: 'conflict', message: error.message };
  return { status: known[0], issue: known[1], message: error.message };
}

/**
 * FHIR R4 REST over the referrals (served by the gateway under /fhir): read Task, ServiceRequest,
 * Consent, Patient and Organization, search Task, update a Task's status. Every answer goes through
 * the same services as GraphQL: ReferralReadService decides what the caller may see (anything else is
 * 404, as for an id that does not exist), ReferralDisclosureService what of the person (the same
 * DISCLOSURE_POLICY, logged in the access log), ReferralChangeService changes the referral through the
 * lifecycle. Every error is an OperationOutcome with its HTTP status.
 */
export function fhirRouter(runtime: SubgraphRuntime, services: ReferralsServices): Router {
  const router = express.Router();
  const contextOf = (res: Response): ReferralsContext => {
    const { identity, requestId, logger } = signedRequest(res);
    return referralsContext({ identity, requestId, logger, em: runtime.orm.em.fork() }, services);
  };
  /** A request's context, refusing anonymous callers (everything but metadata needs a credential). */
  const signedIn = (res: Response): ReferralsContext => {
    const ctx = contextOf(res);
    if (!ctx.identity.sub)
      throw new FhirError(401, 'login', 'Sign in: send Authorization: Bearer <token>.', {
        'WWW-Authenticate': 'Bearer',
      });
    return ctx;
  };
  const idOf = (req: Request) => String(req.params.id);
  /** The referral a Task, ServiceRequest or Patient id names, if the caller may see it. */
  const referralOf = (ctx: ReferralsContext, id: string, type: string) => {
    const missing = new FhirError(404, 'not-found', `${type}/${id} was not found.`);
    if (!isUuid(id)) throw missing;
    return ctx.referrals.get(id.toLowerCase());
  };
  const resourcesOf = async (
    ctx: ReferralsContext,
    referral: Referral,
    kind: FhirResourceKind,
    operation: string,
  ): Promise<RestResources> => {
    const { bundle, access } = await ctx.disclosures.fhirResource(referral, kind, operation);
    return restResources(bundle, referral, access);
  };
  const allow =
    (...methods: string[]): RequestHandler =>
    (req) => {
      throw new FhirError(
        405,
        'not-supported',
        `${req.method} is not supported here; use ${methods.join(' or ')}.`,
        { Allow: methods.join(', ') },
      );
    };

  router.get('/metadata', (req, res) => {
    send(res, 200, capabilityStatement(baseOf(req)));
  });
  router.all('/metadata', allow('GET'));

  router.get('/Task', async (req, res) => {
    const ctx = signedIn(res);
    const search = parseTaskSearch(req.originalUrl);
    const page = await ctx.referrals.list(search.filter, search.count, search.cursor, search.scope);
    const tasks: Task[] = await Promise.all(
      page.nodes.map(
        async (referral) => (await resourcesOf(ctx, referral, 'Task', 'FHIR search Task')).task,
      ),
    );
    const base = baseOf(req);
    send(
      res,
      200,
      taskSearchset(
        base,
        tasks,
        page.totalCount,
        searchLinks(base, search, page.hasNextPage ? page.endCursor : null),
      ),
    );
  });
  router.all('/Task', allow('GET'));

  router.get('/Task/:id', async (req, res) => {
    const ctx = signedIn(res);
    const referral = await referralOf(ctx, idOf(req), 'Task');
    etag(res, referral);
    send(res, 200, (await resourcesOf(ctx, referral, 'Task', 'FHIR read Task')).task);
  });

  router.put('/Task/:id', async (req, res) => {
    const ctx = signedIn(res);
    const update = parseTaskUpdate(jsonBody(req), idOf(req), req.get('if-match'));
    const referral = await referralOf(ctx, idOf(req), 'Task');
    if (update.version === undefined)
      throw new FhirError(
        412,
        'conflict',
        `Send the version you read: If-Match: W/"${referral.version}" or meta.versionId.`,
      );
    const unchanged =
      fhirTaskStatus(referral.status) === fhirTaskStatus(update.to) && !update.outcome;
    if (unchanged) assertVersion('This referral', referral.version, update.version);
    const changed = unchanged
      ? referral
      : await ctx.changes.transition(
          referral.id,
          update.to,
          { code: update.reasonCode, text: update.reasonText },
          update.version,
          update.outcome,
        );
    etag(res, changed);
    send(res, 200, (await resourcesOf(ctx, changed, 'Task', 'FHIR update Task')).task);
  });
  router.all('/Task/:id', allow('GET', 'PUT'));

  router.get('/ServiceRequest/:id', async (req, res) => {
    const ctx = signedIn(res);
    const referral = await referralOf(ctx, idOf(req), 'ServiceRequest');
    etag(res, referral);
    const { serviceRequest } = await resourcesOf(
      ctx,
      referral,
      'ServiceRequest',
      'FHIR read ServiceRequest',
    );
    send(res, 200, serviceRequest);
  });
  router.all('/ServiceRequest/:id', allow('GET'));

  router.get('/Patient/:id', async (req, res) => {
    const ctx = signedIn(res);
    const referral = await referralOf(ctx, idOf(req), 'Patient');
    // Withheld exactly as a Patient that does not exist: who the person is needs consent.
    if (!(await ctx.disclosures.isPersonDisclosed(referral)))
      throw new FhirError(404, 'not-found', `Patient/${idOf(req)} was not found.`);
    const { patient } = await resourcesOf(ctx, referral, 'Patient', 'FHIR read Patient');
    if (!patient) throw new FhirError(404, 'not-found', `Patient/${idOf(req)} was not found.`);
    etag(res, referral);
    send(res, 200, patient);
  });
  router.all('/Patient/:id', allow('GET'));

  router.get('/Consent/:id', async (req, res) => {
    const ctx = signedIn(res);
    const id = idOf(req);
    const missing = new FhirError(404, 'not-found', `Consent/${id} was not found.`);
    if (!isUuid(id)) throw missing;
    const row = await ctx.em.findOne(ReferralConsent, { id: id.toLowerCase() });
    if (!row) throw missing;
    const referral = await ctx.referrals.get(row.referralId);
    // Only the consents that name the caller (all of them for the referring side and admins).
    if (!(await ctx.disclosures.consents(referral)).some((c) => c.id === row.id)) throw missing;
    const { consents } = await resourcesOf(ctx, referral, 'Consent', 'FHIR read Consent');
    const consent = consents.find((c) => c.id === row.id);
    if (!consent) throw missing;
    send(res, 200, consent);
  });
  router.all('/Consent/:id', allow('GET'));

  router.get('/Organization/:id', (req, res) => {
    signedIn(res);
    const id = idOf(req);
    const missing = new FhirError(404, 'not-found', `Organization/${id} was not found.`);
    if (!isUuid(id)) throw missing;
    send(res, 200, organizationResource(id.toLowerCase()));
  });
  router.all('/Organization/:id', allow('GET'));

  router.use((req) => {
    throw new FhirError(404, 'not-supported', `This server has nothing at ${req.path}.`);
  });

  router.use(((error, req, res, next) => {
    if (res.headersSent) return next(error);
    const known = refusal(error);
    if (known) {
      if (error instanceof FhirError)
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      return send(res, known.status, operationOutcome(known.issue, known.message));
    }
    const { requestId, logger } = signedRequest(res);
    logger.error({ err: error, path: req.path }, 'unexpected error in /fhir');
    send(res, 500, operationOutcome('exception', internalErrorMessage(requestId)));
  }) as ErrorRequestHandler);
  return router;
}

/** The PUT body as JSON; the kit hands routes the raw bytes (the signature covers them). */
function jsonBody(req: Request): unknown {
  const raw: unknown = req.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (!text.trim()) throw new FhirError(400, 'invalid', 'The body must be a Task resource.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FhirError(400, 'structure', 'The body is not valid JSON.');
  }
}
