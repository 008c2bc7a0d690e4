import type { MikroORM } from '../subgraphs/kit/orm';
import type { Role } from '../subgraphs/kit/identity';
import { hashPassword } from '../subgraphs/accounts/users/password';
import { Membership, User } from '../subgraphs/accounts/users/user.entity';
import { OrganizationKind } from '../subgraphs/resources/organization/organization.enums';
import { samplePeersAsOfToday } from './load-peers';
import { sampleDirectory } from './sample-directory';

/**
 * The development password of every demo account: printed by `npm start`, never created in
 * production. Long enough for the password policy (15 characters or more).
 */
export const DEMO_PASSWORD = 'demo password for the referral hub';

export interface DemoAccount {
  /** The same on every machine, so the sample referrals name their referrer (sample-referrals.ts). */
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  organizationId: string | null;
  organizationName: string | null;
  peerId: string | null;
  manager: boolean;
}

/**
 * The people of the sample directory (seed 1): a directory admin, a peer linked to a sample peer
 * profile, a discharge planner at the sample county hospital, and a partner (a manager)
 * of an organization that accepts referrals. Their ids are the sample data's own, so they work with
 * what `npm start` loads into the other subgraphs.
 */
export function demoAccounts(): DemoAccount[] {
  const organizations = sampleDirectory();
  const partnerOrg =
    organizations.find((o) => o.resources.some((r) => r.acceptsReferrals)) ?? organizations[0];
  // Discharge planners work where people leave from: the sample county hospital.
  const plannerOrg =
    organizations.find((o) => o.kind === OrganizationKind.HOSPITAL) ??
    organizations.find((o) => o !== partnerOrg)!;
  const peer = samplePeersAsOfToday(1)[0];
  const nameOf = (id: string | null) => organizations.find((o) => o.id === id)?.name ?? null;
  return [
    {
      id: '6d656d6f-0000-4000-8000-000000000001',
      email: 'admin@demo.example.org',
      displayName: 'Demo Admin',
      roles: ['admin'],
      organizationId: null,
      organizationName: null,
      peerId: null,
      manager: false,
    },
    {
      id: '6d656d6f-0000-4000-8000-000000000002',
      email: 'peer@demo.example.org',
      displayName: peer.displayName,
      roles: ['peer'],
      organizationId: peer.organizationId,
      organizationName: nameOf(peer.organizationId),
      peerId: peer.id,
      manager: false,
    },
    {
      id: '6d656d6f-0000-4000-8000-000000000003',
      email: 'planner@demo.example.org',
      displayName: 'Demo Discharge Planner',
      roles: ['discharge_planner'],
      organizationId: plannerOrg.id,
      organizationName: plannerOrg.name,
      peerId: null,
      manager: false,
    },
    {
      id: '6d656d6f-0000-4000-8000-000000000004',
      email: 'partner@demo.example.org',
      displayName: 'Demo Partner',
      roles: ['partner'],
      organizationId: partnerOrg.id,
      organizationName: partnerOrg.name,
      peerId: null,
      manager: true,
    },
  ];
}

/** Creates the demo accounts when the accounts database has no user; returns how many, or null. */
export async function seedDemoAccountsIfEmpty(orm: MikroORM): Promise<number | null> {
  const em = orm.em.fork();
  if ((await em.count(User, {})) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = demoAccounts();
  await em.transactional((tx) => {
    for (const account of accounts) {
      const user = tx.create(User, {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        passwordHash,
      });
      tx.create(Membership, {
        userId: user.id,
        organizationId: account.organizationId,
        roles: account.roles,
        manager: account.manager,
        peerId: account.peerId,
      });
    }
    return Promise.resolve();
  });
  return accounts.length;
}
