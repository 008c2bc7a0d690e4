import express, { type RequestHandler } from 'express';
import { ANONYMOUS, REQUEST_ID_HEADER, signIdentity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { mountedPath } from './mounted-path';

export interface FhirProxyOptions {
  /** The referrals subgraph's URL (its /graphql); the FHIR API is at /fhir on the same server. */
  referralsUrl: string | undefined;
  identitySecret: string;
  logger: Logger;
  /** Largest request body (a Task), as for /graphql. */
  bodyLimitBytes: number;
  timeoutMs?: number;
}

const MOUNT = '/fhir';
/** The subgraph the FHIR API belongs to: the audience its signatures name. */
const REFERRALS = 'referrals';
const FHIR_JSON = 'application/fhir+json';
/** Sent on to the subgraph and back, as FHIR's http page uses them. */
const REQUEST_HEADERS = ['if-match', 'content-type'];
const RESPONSE_HEADERS = ['etag', 'allow', 'www-authenticate', 'location', 'last-modified'];

/** FHIR's issue type for each error code the gateway itself answers with. */
const ISSUE_OF_CODE: Readonly<Record<string, string>> = {
  BAD_REQUEST: 'invalid',
  BAD_USER_INPUT: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  METHOD_NOT_ALLOWED: 'not-supported',
  RATE_LIMITED: 'throttled',
  PAYLOAD_TOO_LARGE: 'too-costly',
  SERVICE_UNAVAILABLE: 'transient',
};

function outcome(code: string, message: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: ISSUE_OF_CODE[code] ?? 'exception', diagnostics: message }],
  };
}

/**
 * Every error under /fhir is an OperationOutcome: the gateway's own refusals on the way (a token that
 * does not verify, a rate limit, a body too large, a path nothing serves) are answered by shared
 * middleware in the API's JSON error shape, so this turns that shape into one, keeping the status.
 */
export const fhirOutcomes: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const error = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] })
      ?.errors?.[0];
    if (!error || typeof error.message !== 'string') return json(body);
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : '';
    return res.type(FHIR_JSON).send(JSON.stringify(outcome(code, error.message)));
  };
  next();
};

/**
 * Forwards /fhir to the referrals subgraph with the caller's identity signed (and the body, which the
 * signature covers), as the GraphQL data sources do; the subgraph decides everything else (methods,
 * authorization, consent). The client gets its answer, or an OperationOutcome naming neither the
 * subgraph nor its address: 503 when it cannot be reached or does not answer in time.
 */
export function fhirProxy(options: FhirProxyOptions): RequestHandler[] {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const forward: RequestHandler = async (req, res) => {
    const requestId = req.hub?.requestId ?? '';
    const fail = (status: number, code: string, message: string) =>
      void res
        .status(status)
        .type(FHIR_JSON)
        .send(JSON.stringify(outcome(code, message)));
    const path = mountedPath(MOUNT, req.path, '');
    if (!path) return fail(404, 'NOT_FOUND', 'There is no FHIR endpoint at this path.');
    const unavailable = `The referrals service is not available right now; try again. If it keeps happening, report request id ${requestId}.`;
    if (!options.referralsUrl) return fail(503, 'SERVICE_UNAVAILABLE', unavailable);
    const target = new URL(options.referralsUrl);
    target.pathname = path;
    const query = req.originalUrl.indexOf('?');
    target.search = query >= 0 ? req.originalUrl.slice(query) : '';
    // HEAD goes as GET: the answer tells the client what HEAD needs.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const raw: unknown = req.body;
    const body = Buffer.isBuffer(raw) && raw.length && method !== 'GET' ? raw : undefined;
    const passed: Record<string, string> = {};
    for (const name of REQUEST_HEADERS) {
      const value = req.get(name);
      if (value) passed[name] = value;
    }
    try {
      const upstream = await fetch(target, {
        method,
        headers: {
          ...passed,
          ...signIdentity(req.hub?.identity ?? ANONYMOUS, options.identitySecret, {
            method,
            path: `${target.pathname}${target.search}`,
            audience: REFERRALS,
            body,
          }),
          [REQUEST_ID_HEADER]: requestId,
          // Links and fullUrls name the gateway, not the subgraph.
          'x-fhir-base': `${req.protocol}://${req.get('host') ?? 'localhost'}${MOUNT}`,
          accept: FHIR_JSON,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      const type = upstream.headers.get('content-type') ?? '';
      // A refused signature (a secret that differs) or an answer that is not the API's is our fault.
      if (!type.includes(FHIR_JSON)) {
        options.logger.error(
          {
            requestId,
            status: upstream.status,
            url: target.toString(),
            body: answer.toString('utf8', 0, 500),
          },
          'FHIR subgraph answer refused',
        );
        return fail(
          502,
          'INTERNAL_SERVER_ERROR',
          `The referrals service could not answer. If it keeps happening, report request id ${requestId}.`,
        );
      }
      for (const name of RESPONSE_HEADERS) {
        const value = upstream.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.status(upstream.status).type(type).send(answer);
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      options.logger.error(
        { requestId, err: error, url: target.toString() },
        timedOut ? 'FHIR subgraph timed out' : 'FHIR subgraph unreachable',
      );
      fail(503, 'SERVICE_UNAVAILABLE', unavailable);
    }
  };
  return [express.raw({ type: () => true, limit: options.bodyLimitBytes }), forward];
}
