import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorBody } from '../subgraphs/kit/errors';
import { ANONYMOUS, verifyIdentity } from '../subgraphs/kit/identity';
import { createLogger } from '../subgraphs/kit/logger';
import { fhirOutcomes, fhirProxy } from './fhir-proxy';

const SECRET = 'x'.repeat(40);
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0))
    await new Promise((r) => {
      s.closeAllConnections();
      s.close(r);
    });
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const IDENTITY = { ...ANONYMOUS, sub: 'u1', roles: ['partner' as const], org: 'org-1' };

/** The gateway's state and token check, in short: a refusal in the API's JSON error shape. */
const identify: RequestHandler = (req, res, next) => {
  req.hub = { requestId: 'req-1', identity: IDENTITY };
  if (req.headers.authorization === 'Bearer bad')
    return void res
      .status(401)
      .json(errorBody('The token is not valid.', 'UNAUTHENTICATED', 'req-1'));
  next();
};

/** The proxy alone, as the gateway mounts it, in front of `referralsUrl`. */
async function gateway(referralsUrl: string | undefined, timeoutMs = 300): Promise<string> {
  const app = express();
  app.use(
    '/fhir',
    fhirOutcomes,
    identify,
    fhirProxy({
      referralsUrl,
      identitySecret: SECRET,
      logger: createLogger('test', 'silent'),
      bodyLimitBytes: 1024,
      timeoutMs,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics: string }[];
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: (await response.json()) as Outcome,
  };
}

describe('the /fhir proxy', () => {
  it('forwards a PUT with its body and If-Match, signed for the referrals subgraph, and passes back ETag', async () => {
    const upstream = await serve((req, res, body) => {
      const identity = verifyIdentity(req.headers, SECRET, {
        method: req.method!,
        path: req.url!,
        audience: 'referrals',
        body,
      });
      res.writeHead(200, { 'content-type': 'application/fhir+json', etag: 'W/"3"' });
      res.end(
        JSON.stringify({
          resourceType: 'Task',
          sub: identity.sub,
          body: body.toString(),
          ifMatch: req.headers['if-match'],
          base: req.headers['x-fhir-base'],
          path: req.url,
        }),
      );
    });
    const url = await gateway(upstream);
    const answer = await call(`${url}/fhir/Task/abc?x=1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json', 'if-match': 'W/"2"' },
      body: '{"resourceType":"Task"}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('W/"3"');
    expect(answer.body).toEqual({
      resourceType: 'Task',
      sub: 'u1',
      body: '{"resourceType":"Task"}',
      ifMatch: 'W/"2"',
      base: `${url}/fhir`,
      path: '/fhir/Task/abc?x=1',
    });
  });

  it('answers 503 with an OperationOutcome when the referrals subgraph is down or slow', async () => {
    const closed = await serve(() => undefined);
    const down = closed.replace(/:\d+\//, ':1/');
    for (const target of [down, closed, undefined]) {
      const answer = await call(`${await gateway(target, 200)}/fhir/Task`);
      expect(answer.status).toBe(503);
      expect(answer.type).toMatch(/^application\/fhir\+json/);
      expect(answer.body.issue[0]).toMatchObject({ severity: 'error', code: 'transient' });
      expect(JSON.stringify(answer.body)).not.toContain('127.0.0.1');
    }
  });

  it('refuses an answer that is not FHIR (502) and paths that leave /fhir (404)', async () => {
    const html = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end('<html>no</html>');
    });
    const url = await gateway(html);
    expect((await call(`${url}/fhir/Task`)).status).toBe(502);
    const escape = await call(`${url}/fhir/..%2Fgraphql`);
    expect(escape.status).toBe(404);
    expect(escape.body.resourceType).toBe('OperationOutcome');
  });

  it("turns the gateway's own refusals into OperationOutcomes, keeping the status", async () => {
    const answer = await call(`${await gateway(undefined)}/fhir/Task`, {
      headers: { authorization: 'Bearer bad' },
    });
    expect(answer.status).toBe(401);
    expect(answer.type).toMatch(/^application\/fhir\+json/);
    expect(answer.body).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'login', diagnostics: 'The token is not valid.' }],
    });
  });
});
