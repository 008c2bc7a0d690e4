import 'reflect-metadata';
import type { RequiredEntityData } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { importSampleIfEmpty as loadSampleIfEmpty } from '../../seed/import-sample';
import { signIdentity, type Identity } from '../../subgraphs/kit/identity';
import type { MikroORM } from '../../subgraphs/kit/orm';
import type { EmbeddedServer } from '../../subgraphs/kit/postgres';
import { ReferralEvent } from '../../subgraphs/referrals/referral/referral-event.entity';
import {
  ContactMethod,
  DischargeSetting,
  ReferralEventKind,
  ReferralReasonCode,
  ReferralStatus,
  ReferralUrgency,
} from '../../subgraphs/referrals/referral/referral.enums';
import { Referral } from '../../subgraphs/referrals/referral/referral.entity';
import { Resource } from '../../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../../subgraphs/resources/resource/resource.enums';
import { bearerToken, postGraphQL } from './client';
import { graphQLRequest, runLoad } from './load';
import { report, type CreateRun, type PageRun } from './referrals-report';
import { describeMachine, writeBenchmarkSection } from './report';
import {
  startGatewayProcess,
  startStack,
  withScratchPostgres,
  type ServiceProcess,
  type Stack,
} from './stack';
import { latency, timeEach } from './stats';

const MARK = 'referrals';

/** Background work (the search indexer's outbox polling) and bare transaction brackets are not a request's. */
const BACKGROUND = /search_outbox|^(BEGIN|COMMIT|ROLLBACK);?$/i;

function countStatements(orms: Record<string, MikroORM>) {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(orms).map((n) => [n, 0]));
  const listeners = Object.entries(orms).map(([name, orm]) => {
    const knex = orm.em.getConnection().getKnex();
    const listener = (q: { sql?: string }) => {
      if (!BACKGROUND.test((q.sql ?? '').trim())) counts[name] += 1;
    };
    knex.on('query', listener);
    return () => knex.off('query', listener);
  });
  return {
    counts,
    reset: () => Object.keys(counts).forEach((k) => (counts[k] = 0)),
    stop: () => listeners.forEach((off) => off()),
  };
}

interface Listing {
  id: string;
  organizationId: string;
}

/** 10,000 referrals written straight into the referrals database, as months of use would leave them. */
async function loadReferrals(
  orm: MikroORM,
  listings: Listing[],
  peers: string[],
  count: number,
): Promise<void> {
  const em = orm.em.fork();
  const statuses = [
    ReferralStatus.REQUESTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
    ReferralStatus.ON_HOLD,
    ReferralStatus.COMPLETED,
    ReferralStatus.REJECTED,
    ReferralStatus.CANCELLED,
  ];
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const referrals: RequiredEntityData<Referral>[] = [];
    const events: RequiredEntityData<ReferralEvent>[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i += 1) {
      const listing = listings[i % listings.length];
      const status = statuses[i % statuses.length];
      const createdAt = new Date(now - (count - i) * 15 * 60_000);
      const id = randomUUID();
      const planner = `bench-planner-${i % 40}`;
      referrals.push({
        id,
        createdBy: planner,
        referrerRole: 'discharge_planner',
        referrerOrgId: `bench-hospital-${i % 4}`,
        idempotencyKey: `seed-${i}`,
        requestHash: 'seed',
        resourceId: listing.id,
        receivingOrgId: listing.organizationId,
        personRef: `person-${i}`,
        personDisplayName: `Person ${i}`,
        personPreferredLanguage: i % 3 ? 'en' : 'es',
        personContactMethod: ContactMethod.THROUGH_PEER,
        personContactAllowed: true,
        needs: ['emergency-shelter'],
        setting: [DischargeSetting.HOSPITAL, DischargeSetting.JAIL, DischargeSetting.PRISON][i % 3],
        urgency: [ReferralUrgency.ROUTINE, ReferralUrgency.URGENT][i % 2],
        assignedPeerId: i % 5 ? peers[i % peers.length] : null,
        status,
        statusReason: [
          ReferralStatus.REJECTED,
          ReferralStatus.CANCELLED,
          ReferralStatus.ON_HOLD,
        ].includes(status)
          ? 'seeded'
          : null,
        statusReasonCode: [
          ReferralStatus.REJECTED,
          ReferralStatus.CANCELLED,
          ReferralStatus.ON_HOLD,
        ].includes(status)
          ? ReferralReasonCode.OTHER
          : null,
        createdAt,
        updatedAt: createdAt,
        requestedAt: createdAt,
        acceptedAt:
          status === ReferralStatus.REQUESTED || status === ReferralStatus.REJECTED
            ? null
            : new Date(createdAt.getTime() + 3_600_000),
        version: status === ReferralStatus.REQUESTED ? 1 : 2,
      });
      events.push({
        referralId: id,
        kind: ReferralEventKind.CREATED,
        at: createdAt,
        actor: planner,
        actorRole: 'discharge_planner',
        to: ReferralStatus.REQUESTED,
      });
      if (status !== ReferralStatus.REQUESTED) {
        events.push({
          referralId: id,
          kind: ReferralEventKind.STATUS_CHANGED,
          at: new Date(createdAt.getTime() + 3_600_000),
          actor: 'bench-partner',
          actorRole: 'partner',
          from: ReferralStatus.REQUESTED,
          to: status,
        });
      }
    }
    await em.insertMany(Referral, referrals);
    await em.insertMany(ReferralEvent, events);
  }
  await em.getConnection().execute('analyze referral; analyze referral_event;');
}

const PAGE = `query ReferralPage($first: Int!) {
  referrals(first: $first) {
    totalCount
    nodes {
      id status urgency
      resource { name organization { name } }
      assignedPeer { displayName }
      history { kind actor from to reason at }
    }
  }
}`;
interface PageData {
  referrals: {
    totalCount: number;
    nodes: {
      id: string;
      status: string;
      urgency: string;
      resource: { name: string; organization: { name: string } } | null;
      assignedPeer: { displayName: string } | null;
      history: {
        kind: string;
        actor: string;
        from: string | null;
        to: string | null;
        reason: string | null;
        at: string;
      }[];
    }[];
  };
}

const CREATE = `mutation Refer($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { id status }
}`;

/** What the referrals subgraph's own part of the page costs, asked directly as the gateway would. */
const PAGE_IN_REFERRALS = `query ReferralPage($first: Int!) { referrals(first: $first) { totalCount nodes {
  id status urgency resource { __typename id } assignedPeer { __typename id } history { kind actor from to reason at } } } }`;

async function measurePage(
  stack: Stack,
  url: string,
  who: string,
  bearer: string,
  identity: Identity,
  requests: number,
): Promise<PageRun> {
  const tapped = stack.taps;
  const counter = countStatements(stack.orms);
  const probe = async (first: number) => {
    for (const tap of Object.values(tapped)) tap.clear();
    counter.reset();
    const res = await postGraphQL<PageData>(stack.countingGatewayUrl!, PAGE, { first }, bearer);
    if (res.body.errors) throw new Error(`page query failed: ${JSON.stringify(res.body.errors)}`);
    return {
      res,
      fetches: Object.fromEntries(Object.entries(tapped).map(([n, t]) => [n, t.requests.length])),
      entity: Object.fromEntries(
        Object.entries(tapped).map(([n, t]) => [n, t.entityRequests().length]),
      ),
      statements: { ...counter.counts },
    };
  };
  const small = await probe(5);
  const large = await probe(50);
  counter.stop();
  for (let i = 0; i < 50; i += 1) await postGraphQL(url, PAGE, { first: 50 }, bearer);
  let errors = 0;
  const samples = await timeEach(requests, async () => {
    const res = await postGraphQL(url, PAGE, { first: 50 }, bearer);
    if (res.status !== 200 || res.body.errors) errors += 1;
  });
  const alone = await timeEach(Math.min(requests, 200), () =>
    postGraphQL(stack.subgraphUrls.referrals, PAGE_IN_REFERRALS, { first: 50 }, (body) =>
      signIdentity(identity, stack.identitySecret, {
        method: 'POST',
        path: new URL(stack.subgraphUrls.referrals).pathname,
        audience: 'referrals',
        body,
      }),
    ),
  );
  return {
    who,
    gateway: url === stack.gatewayUrl ? 'in the same process' : 'in a process of its own',
    referralsSubgraphAlone: latency(alone),
    ...latency(samples),
    totalCount: large.res.body.data!.referrals.totalCount,
    nodes: large.res.body.data!.referrals.nodes.length,
    fetchesPerQuery: large.fetches,
    entityFetchesPerQuery: large.entity,
    statementsPerQuery: large.statements,
    statementsAtPageSize5: small.statements,
    errors,
  };
}

/** Open loop: a new createReferral every 1/rate s whatever the answers, for `seconds`, from the load client. */
async function measureCreates(
  stack: Stack,
  url: string,
  listings: Listing[],
  rate: number,
  seconds: number,
): Promise<CreateRun> {
  const tokens = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      bearerToken(stack.jwtSecret, {
        sub: `load-planner-${i}`,
        roles: ['discharge_planner'],
        org: 'load-hospital',
      }),
    ),
  );
  const expectedDischargeAt = new Date(Date.now() + 86_400_000).toISOString();
  const requests = Array.from({ length: rate * seconds }, (_, i) => {
    const input = {
      person: {
        displayName: `Load ${i}`,
        preferredLanguage: 'en',
        contactMethod: 'THROUGH_PEER',
        contactAllowed: true,
      },
      needs: ['emergency-shelter'],
      resourceId: listings[i % listings.length].id,
      setting: 'HOSPITAL',
      expectedDischargeAt,
      urgency: 'URGENT',
    };
    return graphQLRequest(
      'createReferral',
      CREATE,
      { input, key: randomUUID() },
      { authorization: `Bearer ${tokens[i % tokens.length]}` },
    );
  });
  const count = async () =>
    (
      await stack.orms.referrals.em
        .fork()
        .getConnection()
        .execute<{ n: number }[]>('select count(*)::int as n from referral')
    )[0].n;
  const before = await count();
  const result = await runLoad({ url, requests, ratePerSecond: rate });
  const stored = (await count()) - before;
  return {
    gateway: url === stack.gatewayUrl ? 'in the same process' : 'in a process of its own',
    targetPerSecond: rate,
    seconds,
    sent: result.sent,
    succeeded: result.sent - result.errors,
    errors: result.errors,
    achievedPerSecond: result.qps,
    stored,
    ...result.byType.createReferral,
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

/** npm run bench:referrals: a page of 50 referrals over 10,000, and createReferral at 300 per second, through the gateway. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      referrals: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '500' },
      rate: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '20' },
      only: { type: 'string' },
    },
  });
  await withScratchPostgres('referrals', (server) => measure(server, values));
}

async function measure(
  server: EmbeddedServer,
  values: { referrals: string; requests: string; rate: string; seconds: string; only?: string },
): Promise<void> {
  const stack = await startStack(server, { maxCost: 50_000, countingGateway: true });
  let separate: ServiceProcess | undefined;
  try {
    await loadSampleIfEmpty(stack.orms.resources);
    const resources = await stack.orms.resources.em
      .fork()
      .find(
        Resource,
        { status: ResourceStatus.ACTIVE, acceptsReferrals: true },
        { orderBy: { name: 'asc' } },
      );
    const listings = resources.map((r) => ({ id: r.id, organizationId: r.organization.id }));
    const admin = await bearerToken(stack.jwtSecret, { sub: 'bench-admin', roles: ['admin'] });
    const peers: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await postGraphQL<{ upsertPeerProfile: { id: string } }>(
        stack.gatewayUrl,
        'mutation($input: PeerProfileInput!) { upsertPeerProfile(input: $input) { id } }',
        {
          input: { displayName: `Bench Peer ${i}`, caseloadCapacity: 25, languages: ['en', 'es'] },
        },
        admin,
      );
      if (res.body.errors)
        throw new Error(`creating a peer failed: ${JSON.stringify(res.body.errors)}`);
      peers.push(res.body.data!.upsertPeerProfile.id);
    }
    const count = Number(values.referrals);
    const loadStart = Date.now();
    await loadReferrals(stack.orms.referrals, listings, peers, count);
    console.log(
      `Loaded ${count} referrals over ${listings.length} listings in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`,
    );

    const byOrg = new Map<string, number>();
    for (let i = 0; i < count; i += 1) {
      const org = listings[i % listings.length].organizationId;
      byOrg.set(org, (byOrg.get(org) ?? 0) + 1);
    }
    const [busiest] = [...byOrg.entries()].sort((a, b) => b[1] - a[1]);
    const partner = await bearerToken(stack.jwtSecret, {
      sub: 'bench-partner',
      roles: ['partner'],
      org: busiest[0],
    });
    const requests = Number(values.requests);
    const rate = Number(values.rate);
    const seconds = Number(values.seconds);
    separate = await startGatewayProcess(stack, stack.subgraphUrls);
    const identities = {
      partner: { sub: 'bench-partner', roles: ['partner' as const], org: busiest[0], peer: null },
      admin: { sub: 'bench-admin', roles: ['admin' as const], org: null, peer: null },
    };
    if (values.only === 'creates') {
      console.log(
        JSON.stringify(await measureCreates(stack, stack.gatewayUrl, listings, rate, seconds)),
      );
      console.log(
        JSON.stringify(await measureCreates(stack, separate.url, listings, rate, seconds)),
      );
      return;
    }
    const pages: PageRun[] = [];
    for (const url of [stack.gatewayUrl, separate.url]) {
      pages.push(
        await measurePage(
          stack,
          url,
          'partner (inbox of the busiest organization)',
          partner,
          identities.partner,
          requests,
        ),
      );
      pages.push(
        await measurePage(
          stack,
          url,
          'admin (the whole network)',
          admin,
          identities.admin,
          requests,
        ),
      );
    }
    for (const p of pages) console.log(JSON.stringify(p));
    if (values.only === 'pages') return;
    const creates = [
      await measureCreates(stack, stack.gatewayUrl, listings, rate, seconds),
      await measureCreates(stack, separate.url, listings, rate, seconds),
    ];
    for (const c of creates) console.log(JSON.stringify(c));

    const result = {
      date: new Date().toISOString(),
      machine: describeMachine(),
      referrals: count,
      listings: listings.length,
      peers: peers.length,
      pages,
      creates,
    };
    writeBenchmarkSection(MARK, report(result, pages, creates));
    console.log('Wrote the referrals section of BENCHMARKS.md');
  } finally {
    await separate?.stop();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
