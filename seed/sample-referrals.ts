import type { Identity } from '../subgraphs/kit/identity';
import type { MikroORM } from '../subgraphs/kit/orm';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { demoAccounts, type DemoAccount } from './demo-accounts';
import { sampleDirectory, type SampleResource } from './sample-directory';

/** Runs one GraphQL operation in the referrals subgraph as `identity` (its resolvers, its checks). */
export type RunOperation = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) => Promise<{ data?: unknown; errors?: readonly { message: string }[] }>;

type Status =
  | 'DRAFT'
  | 'REQUESTED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'CANCELLED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'COMPLETED'
  | 'FAILED'
  | 'ENTERED_IN_ERROR';

interface Step {
  to: Status;
  by: 'referrer' | 'partner';
  reasonCode?: string;
  outcome?: { code: string };
}

interface SampleReferral {
  person: { displayName: string; preferredLanguage: string; contactMethod: string };
  referrer: 'planner' | 'peer';
  setting: 'HOSPITAL' | 'JAIL' | 'PRISON' | 'COMMUNITY';
  urgency: 'ROUTINE' | 'URGENT' | 'ASAP';
  /** Days from now to the expected discharge. */
  dischargeInDays: number | null;
  draft?: boolean;
  withPeer?: boolean;
  steps: Step[];
}

const accepted: Step = { to: 'ACCEPTED', by: 'partner' };

/**
 * One referral in every status of the loop (and a few waiting, so the inbox has a queue): made by the
 * demo planner or the demo peer to the demo partner's organization. Names are fictional initials.
 */
const SAMPLE_REFERRALS: SampleReferral[] = [
  {
    person: { displayName: 'Maria G.', preferredLanguage: 'es', contactMethod: 'PHONE' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'URGENT',
    dischargeInDays: 1,
    withPeer: true,
    steps: [],
  },
  {
    person: { displayName: 'Tou V.', preferredLanguage: 'hmn', contactMethod: 'THROUGH_PEER' },
    referrer: 'peer',
    setting: 'JAIL',
    urgency: 'ASAP',
    dischargeInDays: 2,
    steps: [],
  },
  {
    person: { displayName: 'Darnell K.', preferredLanguage: 'en', contactMethod: 'SMS' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'ROUTINE',
    dischargeInDays: 5,
    steps: [],
  },
  {
    person: { displayName: 'Rosa M.', preferredLanguage: 'es', contactMethod: 'PHONE' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'ROUTINE',
    dischargeInDays: 3,
    draft: true,
    steps: [],
  },
  {
    person: { displayName: 'James T.', preferredLanguage: 'en', contactMethod: 'PHONE' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'URGENT',
    dischargeInDays: 1,
    withPeer: true,
    steps: [accepted],
  },
  {
    person: { displayName: 'Linh N.', preferredLanguage: 'vi', contactMethod: 'THROUGH_REFERRER' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'ROUTINE',
    dischargeInDays: 4,
    steps: [{ to: 'REJECTED', by: 'partner', reasonCode: 'NO_CAPACITY' }],
  },
  {
    person: { displayName: 'Samuel R.', preferredLanguage: 'en', contactMethod: 'PHONE' },
    referrer: 'peer',
    setting: 'COMMUNITY',
    urgency: 'ROUTINE',
    dischargeInDays: null,
    steps: [{ to: 'CANCELLED', by: 'referrer', reasonCode: 'NO_LONGER_NEEDED' }],
  },
  {
    person: { displayName: 'Ana P.', preferredLanguage: 'es', contactMethod: 'SMS' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'URGENT',
    dischargeInDays: 1,
    withPeer: true,
    steps: [accepted, { to: 'IN_PROGRESS', by: 'partner' }],
  },
  {
    person: { displayName: 'Kevin W.', preferredLanguage: 'en', contactMethod: 'PHONE' },
    referrer: 'peer',
    setting: 'JAIL',
    urgency: 'ROUTINE',
    dischargeInDays: 6,
    steps: [accepted, { to: 'ON_HOLD', by: 'partner', reasonCode: 'AWAITING_DOCUMENTS' }],
  },
  {
    person: { displayName: 'Lupe S.', preferredLanguage: 'es', contactMethod: 'PHONE' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'ROUTINE',
    dischargeInDays: 2,
    steps: [
      accepted,
      { to: 'IN_PROGRESS', by: 'partner' },
      { to: 'COMPLETED', by: 'partner', outcome: { code: 'SERVICE_PROVIDED' } },
    ],
  },
  {
    person: { displayName: 'Marcus B.', preferredLanguage: 'en', contactMethod: 'PHONE' },
    referrer: 'peer',
    setting: 'PRISON',
    urgency: 'ROUTINE',
    dischargeInDays: 3,
    steps: [
      accepted,
      {
        to: 'FAILED',
        by: 'partner',
        reasonCode: 'UNABLE_TO_CONTACT',
        outcome: { code: 'UNABLE_TO_CONTACT' },
      },
    ],
  },
  {
    person: { displayName: 'Jorge H.', preferredLanguage: 'es', contactMethod: 'PHONE' },
    referrer: 'planner',
    setting: 'HOSPITAL',
    urgency: 'ROUTINE',
    dischargeInDays: 2,
    steps: [{ to: 'ENTERED_IN_ERROR', by: 'referrer' }],
  },
];

const CREATE = `mutation($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { id version status } }`;
const TRANSITION = `mutation($id: ID!, $to: ReferralStatus!, $version: Int!, $reasonCode: ReferralReasonCode, $outcome: ReferralOutcomeInput) {
  transitionReferral(id: $id, to: $to, expectedVersion: $version, reasonCode: $reasonCode, outcome: $outcome) { id version status } }`;

interface Made {
  id: string;
  version: number;
  status: string;
}

const identityOf = (account: DemoAccount): Identity => ({
  sub: account.id,
  roles: account.roles,
  org: account.organizationId,
  peer: account.peerId,
});

async function must<T>(run: Promise<Awaited<ReturnType<RunOperation>>>, field: string): Promise<T> {
  const { data, errors } = await run;
  if (errors?.length) throw new Error(`A sample referral was refused: ${errors[0].message}`);
  return (data as Record<string, T>)[field];
}

/**
 * `npm start` on an empty referrals database, once the subgraphs it asks are up: the sample
 * referrals, each made and moved through the referrals service's own mutations (consent recorded,
 * history, notification events), as the demo planner, peer and partner. Null when there were
 * referrals already; the idempotency keys make a half-finished run safe to repeat.
 */
export async function loadSampleReferralsIfEmpty(
  orm: MikroORM,
  run: RunOperation,
  now = new Date(),
): Promise<number | null> {
  const [found] = await orm.em
    .fork()
    .getConnection()
    .execute<{ found: boolean }[]>('select exists (select 1 from referral) as found');
  if (found.found) return null;
  const accounts = demoAccounts();
  const byRole = (role: DemoAccount['roles'][number]) => accounts.find((a) => a.roles[0] === role)!;
  const planner = byRole('discharge_planner');
  const peer = byRole('peer');
  const partner = byRole('partner');
  const targets: SampleResource[] =
    sampleDirectory()
      .find((o) => o.id === partner.organizationId)
      ?.resources.filter((r) => r.acceptsReferrals && r.status === ResourceStatus.ACTIVE) ?? [];
  if (!targets.length) throw new Error('The demo partner has no listing that takes referrals.');

  const day = 86_400_000;
  for (const [i, sample] of SAMPLE_REFERRALS.entries()) {
    const resource = targets[i % targets.length];
    const referrer = sample.referrer === 'planner' ? planner : peer;
    const assignPeer = sample.withPeer || sample.referrer === 'peer';
    // Phone and SMS need a number to reach the person: fictional 555-01xx numbers.
    const contact = ['PHONE', 'SMS'].includes(sample.person.contactMethod)
      ? `+1 510 555 01${String(10 + i).padStart(2, '0')}`
      : null;
    const input = {
      person: { ...sample.person, contactAllowed: true, contact },
      needs: resource.categories.slice(0, 2),
      resourceId: resource.id,
      locationId: resource.locationIds[0] ?? null,
      setting: sample.setting,
      expectedDischargeAt:
        sample.dischargeInDays === null
          ? null
          : new Date(now.getTime() + sample.dischargeInDays * day).toISOString(),
      urgency: sample.urgency,
      draft: sample.draft ?? false,
      assignedPeerId: assignPeer ? peer.peerId : null,
      consent: {
        disclosingParty: referrer.organizationName ?? 'Referring program',
        information: ['IDENTITY', 'CONTACT', 'NEEDS'],
        purpose: 'To arrange services after release',
        revocationAcknowledged: true,
        includesAssignedPeer: assignPeer,
        expiresAt: new Date(now.getTime() + 180 * day).toISOString(),
        method: 'ELECTRONIC_SIGNATURE',
        signedAt: now.toISOString(),
      },
    };
    let made = await must<Made>(
      run(CREATE, { input, key: `sample-referral-${i + 1}` }, identityOf(referrer)),
      'createReferral',
    );
    for (const step of sample.steps) {
      made = await must<Made>(
        run(
          TRANSITION,
          {
            id: made.id,
            to: step.to,
            version: made.version,
            reasonCode: step.reasonCode ?? null,
            outcome: step.outcome ?? null,
          },
          identityOf(step.by === 'partner' ? partner : referrer),
        ),
        'transitionReferral',
      );
    }
  }
  return SAMPLE_REFERRALS.length;
}
