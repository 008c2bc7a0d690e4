import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { requestIdFrom } from '../subgraphs/kit/context';
import { ErrorCode, errorBody, internalErrorBody } from '../subgraphs/kit/errors';
import { REQUEST_ID_HEADER } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';

/** The code of a request whose method the path does not take (the HSDS API answers it too). */
export const METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED';

const requestIdOf = (req: Request) =>
  req.hub?.requestId ?? requestIdFrom(req.headers[REQUEST_ID_HEADER]);

/**
 * Security headers on every answer (helmet): no MIME sniffing, no referrer, no framing, and a Content
 * Security Policy strict enough for a web app served from this origin: its own scripts, styles, fonts
 * and API only, images from itself, data: URLs or the map's tile server, no inline script, no plugins. HSTS only in
 * production, where the gateway sits behind HTTPS: sent over plain HTTP in development it would pin
 * a developer's browser to HTTPS on localhost.
 */
export function securityHeaders(production: boolean, imageOrigins: string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        // The map's tile server, when one is configured (MAP_TILE_URL).
        imgSrc: ["'self'", 'data:', ...imageOrigins],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production
      ? { maxAge: 365 * 24 * 3600, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

/** Answers 405 in JSON, naming the methods the path takes, for any other method. */
export function onlyMethods(...methods: string[]): RequestHandler {
  return (req, res, next) => {
    if (methods.includes(req.method)) return next();
    res.setHeader('Allow', methods.join(', '));
    res
      .status(405)
      .json(
        errorBody(
          `${req.method} is not allowed here; use ${methods.join(' or ')}.`,
          METHOD_NOT_ALLOWED,
          requestIdOf(req),
        ),
      );
  };
}

/** Any path the gateway does not serve: a JSON 404, not Express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  res
    .status(404)
    .json(
      errorBody(
        'There is nothing at this address; the API is /graphql, the open data /hsds.',
        ErrorCode.NOT_FOUND,
        requestIdOf(req),
      ),
    );
};

/**
 * The last word on an error nothing else answered: the client's (a 4xx, such as a path that does not
 * decode) as BAD_REQUEST, ours logged and answered 500 with the request id. JSON either way, never
 * Express's HTML page with a stack trace.
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = requestIdOf(req);
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res
        .status(status)
        .json(errorBody('The request could not be read.', 'BAD_REQUEST', requestId));
      return;
    }
    logger.error({ err: error, requestId }, 'unexpected error');
    res.status(500).json(internalErrorBody(requestId));
  };
}

/** Runs `handler` only for requests that carry a token (a readiness probe sends none). */
export const whenToken =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    req.headers.authorization ? handler(req, res, next) : next();

/**
 * A request made on this machine: from a loopback address, and not relayed by a proxy (a proxy on
 * the same machine connects from loopback too, but says whom it forwards).
 */
export function fromThisMachine(req: Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  const loopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  return loopback && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
}

/**
 * /readyz: 200 `ready` when every subgraph answers its health check, else 503 `not ready`. Which
 * subgraph is down, and how, is for an admin (a verified token) or the machine itself: the public
 * learns nothing of what runs behind the gateway.
 */
export function readiness(subgraphs: Readonly<Record<string, string>>): RequestHandler {
  return async (req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphs).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/healthz', url), {
            signal: AbortSignal.timeout(2000),
          });
          return [name, response.ok ? 'ok' : `status ${response.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const ready = checks.every(([, status]) => status === 'ok');
    const status = ready ? 'ready' : 'not ready';
    const detailed = fromThisMachine(req) || req.hub?.identity.roles.includes('admin') === true;
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(ready ? 200 : 503)
      .json(detailed ? { status, subgraphs: Object.fromEntries(checks) } : { status });
  };
}

/** A body-parser error caused by the request (4xx), as opposed to one of ours. */
function isClientHttpError(error: unknown): error is { status: number } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.round(bytes / 1024)} KB`;

/**
 * What express.json refuses, as JSON errors with codes (413 PAYLOAD_TOO_LARGE, 400 BAD_REQUEST),
 * never Express's HTML page; errors that are not the client's go on to jsonErrors.
 */
export function bodyErrors(limitBytes: number): ErrorRequestHandler {
  return (error, req, res, next) => {
    const requestId = req.hub?.requestId ?? requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const { type, expose, message } = error as {
      type?: string;
      expose?: boolean;
      message?: unknown;
    };
    if (type === 'entity.too.large') {
      res
        .status(413)
        .json(
          errorBody(
            `The request body is larger than ${sizeText(limitBytes)}.`,
            'PAYLOAD_TOO_LARGE',
            requestId,
          ),
        );
    } else if (type === 'entity.parse.failed') {
      res
        .status(400)
        .json(errorBody('The request body is not valid JSON.', 'BAD_REQUEST', requestId));
    } else if (isClientHttpError(error)) {
      // Any other body the parser refuses (charset, encoding...).
      const detail = expose ? `: ${String(message)}` : '';
      res
        .status(error.status)
        .json(errorBody(`The request body could not be read${detail}.`, 'BAD_REQUEST', requestId));
    } else {
      next(error);
    }
  };
}
