import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { createGatewayApp } from '../../gateway/app';
import type { GatewayConfig } from '../../gateway/config';
import { startSubgraphTap, type SubgraphTap } from '../../scripts/subgraph-tap';
import { createLogger } from '../../subgraphs/kit/logger';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { projectRoot } from '../../subgraphs/kit/paths';
import { listen } from '../../subgraphs/kit/server';
import type { Fixture } from './fixtures';
import { postJson } from './http';
import type { GraphQLResponse, TestStack } from './stack';

/** A valid createReferral input for a listing. */
export function referralInput(fixture: Fixture, over: Record<string, unknown> = {}) {
  return {
    person: {
      displayName: 'Maria G.',
      preferredLanguage: 'es',
      contactMethod: 'PHONE',
      contact: '+1 510 555 0100',
      contactAllowed: true,
    },
    needs: ['emergency-shelter'],
    resourceId: fixture.resource.id,
    locationId: fixture.location.id,
    setting: 'HOSPITAL',
    expectedDischargeAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    urgency: 'URGENT',
    ...over,
  };
}

export function consentInput(over: Record<string, unknown> = {}) {
  return {
    disclosingParty: 'Highland Hospital Social Work',
    information: ['IDENTITY', 'CONTACT', 'NEEDS'],
    purpose: 'To arrange shelter after discharge',
    revocationAcknowledged: true,
    expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    method: 'ELECTRONIC_SIGNATURE',
    signedAt: new Date().toISOString(),
    ...over,
  };
}

export const CREATE_REFERRAL = `mutation Create($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { id version status receivingOrganizationId } }`;
export interface CreateReferralData {
  createReferral: {
    id: string;
    version: number;
    status: string;
    receivingOrganizationId: string;
  };
}

/** The data of a response that must have succeeded. */
export function ok<T = Record<string, unknown>>(response: GraphQLResponse<T>): T {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data as T;
}

/** The single error code of a response that must have failed. */
export function codeOf<T = Record<string, unknown>>(
  response: GraphQLResponse<T>,
): string | undefined {
  return response.body.errors?.[0]?.extensions?.code as string | undefined;
}

export async function createReferral(
  stack: TestStack,
  fixture: Fixture,
  token: string,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number; status: string }> {
  const res = await stack.gql<CreateReferralData>(
    CREATE_REFERRAL,
    { input: referralInput(fixture, over), key: randomUUID() },
    token,
  );
  return ok(res).createReferral;
}

/** A peer profile in the peers subgraph, made as an admin would. */
export async function createPeer(
  stack: TestStack,
  displayName = `Peer ${randomUUID().slice(0, 4)}`,
): Promise<string> {
  const res = await stack.gql<{ upsertPeerProfile: { id: string } }>(
    'mutation($input: PeerProfileInput!) { upsertPeerProfile(input: $input) { id } }',
    { input: { displayName, caseloadCapacity: 20, languages: ['en', 'es'] } },
    await stack.token({ roles: ['admin'] }),
  );
  return ok(res).upsertPeerProfile.id;
}

/**
 * Background work of a service (the resources search indexer polling its outbox) is not part of
 * any request; nor are bare transaction brackets, which reads do not open.
 */
const BACKGROUND = /search_outbox|^(BEGIN|COMMIT|ROLLBACK);?$/i;

/** Counts the SQL statements an ORM sends for requests while it is on. */
export function statementCounter(orm: MikroORM) {
  const knex = orm.em.getConnection().getKnex();
  let count = 0;
  const statements: string[] = [];
  const listener = (query: { sql?: string }) => {
    const sql = query.sql ?? '';
    if (BACKGROUND.test(sql.trim())) return;
    count += 1;
    statements.push(sql);
  };
  knex.on('query', listener);
  return {
    get count() {
      return count;
    },
    /** The statements themselves, to say what an unexpected one was. */
    statements,
    reset() {
      count = 0;
      statements.splice(0);
    },
    stop() {
      knex.off('query', listener);
    },
  };
}

export interface TappedGateway {
  url: string;
  taps: Record<string, SubgraphTap>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A second gateway over the same stack whose every subgraph request passes a tap that counts it. */
export async function startTappedGateway(stack: TestStack): Promise<TappedGateway> {
  const taps: Record<string, SubgraphTap> = {};
  for (const [name, url] of Object.entries(stack.subgraphUrls))
    taps[name] = await startSubgraphTap(url);
  const config: GatewayConfig = {
    production: false,
    logLevel: 'silent',
    port: 0,
    supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret: Object.values(stack.subgraphs)[0].identitySecret,
    auth: { jwtSecret: stack.jwtSecret },
    subgraphUrls: Object.fromEntries(Object.entries(taps).map(([name, tap]) => [name, tap.url])),
    trustProxy: false,
    limits: {
      maxDepth: 12,
      maxAliases: 15,
      maxCost: 50_000,
      maxTokens: 3000,
      bodyLimitBytes: 2 * 1024 * 1024,
    },
    rateLimit: { perUserPerMinute: 100_000, perAddressPerMinute: 100_000 },
  };
  const gateway = await createGatewayApp(config, createLogger('test', 'silent'));
  const server = await listen(gateway.app, 0, '127.0.0.1');
  const url = server.url.replace('localhost', '127.0.0.1');
  return {
    url,
    taps,
    async gql<T = Record<string, unknown>>(
      query: string,
      variables: Record<string, unknown>,
      token?: string,
    ): Promise<GraphQLResponse<T>> {
      const res = await postJson<T>(
        url,
        { query, variables },
        token ? { authorization: `Bearer ${token}` } : {},
      );
      return { status: res.status, body: res.body };
    },
    async stop() {
      await gateway.apollo.stop();
      await server.close();
      for (const tap of Object.values(taps)) await tap.close();
    },
  };
}
