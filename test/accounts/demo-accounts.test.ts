import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { DEMO_PASSWORD, demoAccounts } from '../../seed/demo-accounts';
import { sampleDirectory } from '../../seed/sample-directory';
import { User } from '../../subgraphs/accounts/users/user.entity';
import { expectData } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import { authPost, cookieOf, gqlWithCookie, uniqueEmail } from './support';

interface MeData {
  me: {
    id: string;
    email: string | null;
    roles: string[];
    organization: { id: string } | null;
    peer: { id: string } | null;
  } | null;
}
const ME = '{ me { id email roles organization { id } peer { id } } }';

/** What `npm start` does to an empty accounts database, and the development mail page. */
describe('demo accounts and development mail, through the gateway', () => {
  let stack: TestStack;
  const seed = SUBGRAPHS.find((s) => s.definition.name === 'accounts')!.seedIfEmpty!;
  const signInAs = (email: string, password = DEMO_PASSWORD) =>
    authPost(stack, '/auth/sign-in', { email, password });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('creates the four demo accounts once, on an empty database, never in production', async () => {
    const orm = stack.subgraphs.accounts.orm;
    expect(await seed(orm, { production: true })).toBeNull();
    expect(await orm.em.fork().count(User, {})).toBe(0);
    expect(await seed(orm, { production: false })).toBe('4 demo accounts');
    expect(await seed(orm, { production: false })).toBeNull();
    const emails = (await orm.em.fork().find(User, {})).map((u) => u.email).sort();
    expect(emails).toEqual(
      demoAccounts()
        .map((a) => a.email)
        .sort(),
    );
  });

  it('lets each demo person sign in with the printed password, as who they are', async () => {
    const directory = sampleDirectory();
    const seen: Record<string, NonNullable<MeData['me']>> = {};
    for (const account of demoAccounts()) {
      const response = await signInAs(account.email);
      expect(response.status, account.email).toBe(204);
      const { body } = await gqlWithCookie<MeData>(stack, cookieOf(response), ME);
      const me = expectData(body).me!;
      expect(me.email).toBe(account.email);
      seen[account.roles[0]] = me;
    }
    expect(seen.admin.roles).toEqual(['ADMIN']);
    expect(seen.peer.roles).toEqual(['PEER']);
    expect(seen.peer.peer?.id).toBeTruthy();
    expect(seen.discharge_planner.roles).toEqual(['DISCHARGE_PLANNER']);
    expect(seen.partner.roles).toEqual(['PARTNER']);
    // The partner's organization takes referrals in the sample directory `npm start` loads.
    const partnerOrg = directory.find((o) => o.id === seen.partner.organization?.id);
    expect(partnerOrg?.resources.some((r) => r.acceptsReferrals)).toBe(true);
    // The planner works where people are discharged from: the sample county hospital.
    const plannerOrg = directory.find((o) => o.id === seen.discharge_planner.organization?.id);
    expect(plannerOrg?.kind).toBe('HOSPITAL');
    // A wrong password is still wrong for a demo account.
    expect(
      (await signInAs('partner@demo.example.org', 'not the demo password at all')).status,
    ).toBe(401);
  });

  it('shows a password reset on /dev/mail when no SMTP server is configured', async () => {
    const asked = await authPost(stack, '/auth/password-reset', {
      email: 'planner@demo.example.org',
    });
    expect(asked.status).toBe(202);
    await expect
      .poll(
        async () => {
          const page = await fetch(new URL('/dev/mail', stack.gatewayUrl));
          expect(page.status).toBe(200);
          expect(page.headers.get('content-type')).toMatch(/text\/html/);
          return page.text();
        },
        { timeout: 10_000 },
      )
      .toMatch(/To planner@demo\.example\.org[\s\S]*reset=/);
  });

  it('shows an invitation on /dev/mail, with the link to accept it', async () => {
    const admin = await signInAs('admin@demo.example.org');
    const email = uniqueEmail('invited');
    const partnerOrg = demoAccounts().find((a) => a.roles[0] === 'partner')!.organizationId;
    const { body } = await gqlWithCookie(
      stack,
      cookieOf(admin),
      'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }',
      { input: { email, role: 'PARTNER', organizationId: partnerOrg } },
    );
    expectData(body);
    await expect
      .poll(async () => (await fetch(new URL('/dev/mail', stack.gatewayUrl))).text(), {
        timeout: 10_000,
      })
      .toMatch(new RegExp(`To ${email.replace(/\./g, '\\.')}[\\s\\S]*invitation=`));
  });
});
