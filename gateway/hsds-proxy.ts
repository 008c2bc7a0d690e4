import type { RequestHandler } from 'express';
import { ErrorCode, errorBody } from '../subgraphs/kit/errors';
import { ANONYMOUS, REQUEST_ID_HEADER, signIdentity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { mountedPath } from './mounted-path';

export interface HsdsProxyOptions {
  /** The resources subgraph's URL (its /graphql); the HSDS API is at /hsds on the same server. */
  resourcesUrl: string | undefined;
  identitySecret: string;
  logger: Logger;
  timeoutMs?: number;
}

const MOUNT = '/hsds';
/** The subgraph the HSDS API belongs to: the audience its signatures name. */
const RESOURCES = 'resources';
const READ_METHODS = ['GET', 'HEAD'];

/**
 * Open data is read from browsers too (Open Referral asks for `Access-Control-Allow-Origin: *`), and
 * the answer never depends on cookies, so any origin may read it; a preflight is answered here.
 */
export const hsdsCors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', `${REQUEST_ID_HEADER}, retry-after`);
  if (req.method !== 'OPTIONS') return next();
  res.setHeader('Access-Control-Allow-Methods', READ_METHODS.join(', '));
  res.setHeader('Access-Control-Allow-Headers', `authorization, ${REQUEST_ID_HEADER}`);
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
};

/**
 * Forwards GET and HEAD under /hsds to the resources subgraph with the caller's identity signed, as
 * the GraphQL data sources do. The client gets the subgraph's answer, or a JSON error that names
 * neither the subgraph nor its address.
 */
export function hsdsProxy(options: HsdsProxyOptions): RequestHandler {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (req, res) => {
    const requestId = req.hub?.requestId ?? '';
    const fail = (
      status: number,
      message: string,
      code: string = ErrorCode.INTERNAL_SERVER_ERROR,
    ) => void res.status(status).json(errorBody(message, code, requestId));
    if (!READ_METHODS.includes(req.method)) {
      res.setHeader('Allow', READ_METHODS.join(', '));
      return fail(
        405,
        `The HSDS API is read-only: ${req.method} is not allowed; use GET.`,
        'METHOD_NOT_ALLOWED',
      );
    }
    const path = mountedPath(MOUNT, req.path, '/');
    if (!path) return fail(404, 'There is no HSDS endpoint at this path.', ErrorCode.NOT_FOUND);
    if (!options.resourcesUrl)
      return fail(
        502,
        `The directory is not available. If it keeps happening, report request id ${requestId}.`,
      );
    const target = new URL(options.resourcesUrl);
    target.pathname = path;
    const query = req.originalUrl.indexOf('?');
    target.search = query >= 0 ? req.originalUrl.slice(query) : '';
    try {
      const upstream = await fetch(target, {
        headers: {
          ...signIdentity(req.hub?.identity ?? ANONYMOUS, options.identitySecret, {
            // HEAD too goes as GET, as before: the answer tells the client what HEAD needs.
            method: 'GET',
            path: `${target.pathname}${target.search}`,
            audience: RESOURCES,
          }),
          [REQUEST_ID_HEADER]: requestId,
          accept: 'application/json',
        },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      const type = upstream.headers.get('content-type') ?? '';
      // A refused signature (a secret that differs) or an answer that is not the API's is our fault.
      if (
        upstream.status === 401 ||
        !type.includes('application/json') ||
        (upstream.status >= 300 && upstream.status < 400)
      ) {
        options.logger.error(
          {
            requestId,
            status: upstream.status,
            url: target.toString(),
            body: body.toString('utf8', 0, 500),
          },
          'HSDS subgraph answer refused',
        );
        return fail(
          502,
          `The directory could not answer. If it keeps happening, report request id ${requestId}.`,
        );
      }
      const allow = upstream.headers.get('allow');
      if (allow) res.setHeader('Allow', allow);
      res.status(upstream.status).type(type).send(body);
    } catch (error) {
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      options.logger.error(
        { requestId, err: error, url: target.toString() },
        timedOut ? 'HSDS subgraph timed out' : 'HSDS subgraph unreachable',
      );
      if (timedOut)
        return fail(
          504,
          `The directory did not answer in time; try again. If it keeps happening, report request id ${requestId}.`,
        );
      fail(
        502,
        `The directory is not reachable right now; try again. If it keeps happening, report request id ${requestId}.`,
      );
    }
  };
}
