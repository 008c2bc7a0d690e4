import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../support/fixtures';
import { expectData, expectError } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import {
  authPost,
  cookieOf,
  createUser,
  gqlWithCookie,
  linkToken,
  PASSWORD,
  signIn,
  startMailServer,
  uniqueEmail,
  type TestUser,
} from './support';

type MailServer = Awaited<ReturnType<typeof startMailServer>>;

interface InviteData {
  inviteUser: { id: string; email: string; roles: string[]; status: string; expiresAt: string };
}
interface MembersData {
  members: { id: string; email: string; roles: string[]; manager: boolean }[];
}
interface MeData {
  me: {
    id: string;
    email: string | null;
    roles: string[];
    organization: { id: string } | null;
  } | null;
}
interface CreatedKeyData {
  createApiKey: { secret: string; apiKey: { id: string; prefix: string; scopes: string[] } };
}
interface ApiKeysData {
  apiKeys: { id: string; lastUsedAt: string | null; revokedAt: string | null }[];
}

const INVITE = `mutation($input: InviteUserInput!) {
  inviteUser(input: $input) { id email roles status expiresAt }
}`;
const ME = '{ me { id email roles organization { id } } }';

describe('organizations manage their people, through the gateway', () => {
  let stack: TestStack;
  let mail: MailServer;
  let listing: Fixture;
  let orgId: string;
  let manager: TestUser;
  let managerCookie: string;

  beforeAll(async () => {
    mail = await startMailServer();
    stack = await startStack({}, { subgraphOptions: { accounts: { smtpUrl: mail.url } } });
    listing = await createListing(stack.resources.orm);
    orgId = listing.organization.id;
    manager = await createUser(stack, { roles: ['partner'], organizationId: orgId, manager: true });
    managerCookie = await signIn(stack, manager);
  });
  afterAll(async () => {
    await stack?.stop();
    await mail?.close();
  });

  async function invite(email: string, role = 'PARTNER', organizationId = orgId) {
    const { body } = await gqlWithCookie<InviteData>(stack, managerCookie, INVITE, {
      input: { email, role, organizationId },
    });
    return body;
  }

  it('invites by email over SMTP; the invited person chooses a password and is signed in', async () => {
    const email = uniqueEmail('newhire');
    const invitation = expectData(await invite(email)).inviteUser;
    expect(invitation).toMatchObject({ email, roles: ['PARTNER'], status: 'PENDING' });
    const received = await mail.mailTo(email);
    const token = linkToken(received, 'invitation');
    expect(JSON.stringify(invitation)).not.toContain(token);

    const accepted = await authPost(stack, '/auth/invitations/accept', {
      token,
      password: 'river stones and morning fog',
      displayName: 'Rosa Alvarez',
    });
    expect(accepted.status).toBe(204);
    const me = expectData((await gqlWithCookie<MeData>(stack, cookieOf(accepted), ME)).body).me;
    expect(me).toMatchObject({ email, roles: ['PARTNER'], organization: { id: orgId } });

    // Single use: the same link again is refused, and creates nothing.
    const again = await authPost(stack, '/auth/invitations/accept', {
      token,
      password: 'another long passphrase here',
      displayName: 'Someone Else',
    });
    expect(again.status).toBe(409);
    expect(again.body?.errors?.[0].extensions?.code).toBe('INVITATION_USED');
    expect(again.setCookie).toBeNull();

    const members = expectData(
      (
        await gqlWithCookie<MembersData>(
          stack,
          managerCookie,
          'query($org: ID!) { members(organizationId: $org) { id email roles manager } }',
          { org: orgId },
        )
      ).body,
    ).members;
    expect(members.map((m) => m.email)).toEqual(expect.arrayContaining([email, manager.email]));
  });

  it('refuses weak passwords with their codes and leaves the invitation usable', async () => {
    const email = uniqueEmail('weak');
    expectData(await invite(email));
    const token = linkToken(await mail.mailTo(email), 'invitation');
    const cases: [string, string][] = [
      ['short one', 'PASSWORD_TOO_SHORT'],
      ['1qaz2wsx3edc4rfv', 'PASSWORD_TOO_COMMON'],
      ['aaaaaaaaaaaaaaaaaaaa', 'PASSWORD_TOO_COMMON'],
    ];
    for (const [password, code] of cases) {
      const response = await authPost(stack, '/auth/invitations/accept', {
        token,
        password,
        displayName: 'Weak Password',
      });
      expect(response.status).toBe(400);
      expect(response.body?.errors?.[0].extensions?.code).toBe(code);
    }
    const ok = await authPost(stack, '/auth/invitations/accept', {
      token,
      password: PASSWORD,
      displayName: 'Strong Password',
    });
    expect(ok.status).toBe(204);
  });

  it('refuses an expired invitation and a revoked one', async () => {
    const expiredEmail = uniqueEmail('late');
    const { id } = expectData(await invite(expiredEmail)).inviteUser;
    const expiredToken = linkToken(await mail.mailTo(expiredEmail), 'invitation');
    await stack.subgraphs.accounts.orm.em
      .fork()
      .execute(`update invitation set expires_at = now() - interval '1 minute' where id = ?`, [id]);
    const expired = await authPost(stack, '/auth/invitations/accept', {
      token: expiredToken,
      password: PASSWORD,
      displayName: 'Too Late',
    });
    expect(expired.status).toBe(410);
    expect(expired.body?.errors?.[0].extensions?.code).toBe('INVITATION_EXPIRED');

    const revokedEmail = uniqueEmail('revoked');
    const revokedInvite = expectData(await invite(revokedEmail)).inviteUser;
    const revokedToken = linkToken(await mail.mailTo(revokedEmail), 'invitation');
    const { body } = await gqlWithCookie<{ revokeInvitation: { status: string } }>(
      stack,
      managerCookie,
      'mutation($id: ID!) { revokeInvitation(id: $id) { status } }',
      { id: revokedInvite.id },
    );
    expect(expectData(body).revokeInvitation.status).toBe('REVOKED');
    const revoked = await authPost(stack, '/auth/invitations/accept', {
      token: revokedToken,
      password: PASSWORD,
      displayName: 'Revoked',
    });
    expect(revoked.status).toBe(400);
    expect(revoked.body?.errors?.[0].extensions?.code).toBe('INVITATION_INVALID');
  });

  it('lets a manager invite only to their own organization, and never an admin', async () => {
    expectError(await invite(uniqueEmail('elsewhere'), 'PARTNER', randomUUID()), 'FORBIDDEN');
    expectError(await invite(uniqueEmail('boss'), 'ADMIN'), 'FORBIDDEN');
    const plain = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const { body } = await gqlWithCookie<InviteData>(stack, await signIn(stack, plain), INVITE, {
      input: { email: uniqueEmail('x'), role: 'PARTNER', organizationId: orgId },
    });
    expectError(body, 'FORBIDDEN');
    expectError(await invite('not an email'), 'BAD_USER_INPUT');
  });

  it('removeMember ends that person’s sessions at once', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await signIn(stack, member);
    expect(expectData((await gqlWithCookie<MeData>(stack, cookie, ME)).body).me?.id).toBe(
      member.id,
    );
    const { body } = await gqlWithCookie<{ removeMember: boolean }>(
      stack,
      managerCookie,
      'mutation($id: ID!) { removeMember(userId: $id) }',
      { id: member.id },
    );
    expect(expectData(body).removeMember).toBe(true);
    const after = await gqlWithCookie(stack, cookie, ME);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // And they cannot sign in again, with the same answer as a wrong password.
    const again = await authPost(stack, '/auth/sign-in', {
      email: member.email,
      password: member.password,
    });
    expect(again.status).toBe(401);
    expect(again.body?.errors?.[0].extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('setMemberRoles changes what a signed-in member is on their next request', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await signIn(stack, member);
    const { body } = await gqlWithCookie<{ setMemberRoles: { roles: string[] } }>(
      stack,
      managerCookie,
      'mutation($id: ID!) { setMemberRoles(userId: $id, roles: [DISCHARGE_PLANNER]) { roles } }',
      { id: member.id },
    );
    expect(expectData(body).setMemberRoles.roles).toEqual(['DISCHARGE_PLANNER']);
    expect(expectData((await gqlWithCookie<MeData>(stack, cookie, ME)).body).me?.roles).toEqual([
      'DISCHARGE_PLANNER',
    ]);
    const makeAdmin = await gqlWithCookie(
      stack,
      managerCookie,
      'mutation($id: ID!) { setMemberRoles(userId: $id, roles: [ADMIN]) { roles } }',
      { id: member.id },
    );
    expectError(makeAdmin.body, 'FORBIDDEN');
  });

  it('resets a forgotten password by email: 202 for any email, the link works once', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const oldCookie = await signIn(stack, member);
    const unknown = await authPost(stack, '/auth/password-reset', { email: uniqueEmail('ghost') });
    expect(unknown.status).toBe(202);
    const known = await authPost(stack, '/auth/password-reset', { email: member.email });
    expect(known.status).toBe(202);
    const token = linkToken(await mail.mailTo(member.email), 'reset');
    const weak = await authPost(stack, '/auth/password-reset/confirm', {
      token,
      password: 'too short',
    });
    expect(weak.body?.errors?.[0].extensions?.code).toBe('PASSWORD_TOO_SHORT');
    const newPassword = 'a brand new passphrase for work';
    const confirmed = await authPost(stack, '/auth/password-reset/confirm', {
      token,
      password: newPassword,
    });
    expect(confirmed.status).toBe(204);
    // Every old session ends; the old password no longer works, the new one does.
    expect((await gqlWithCookie(stack, oldCookie, ME)).status).toBe(401);
    expect(
      (await authPost(stack, '/auth/sign-in', { email: member.email, password: member.password }))
        .status,
    ).toBe(401);
    await signIn(stack, { ...member, password: newPassword });
    const reused = await authPost(stack, '/auth/password-reset/confirm', {
      token,
      password: 'yet another long passphrase',
    });
    expect(reused.status).toBe(400);
    expect(reused.body?.errors?.[0].extensions?.code).toBe('RESET_INVALID');
  });

  describe('API keys', () => {
    const UPDATE_CAPACITY = `mutation($id: ID!) {
      updateCapacity(id: $id, input: { available: 7 }) { capacity { available } }
    }`;

    async function createKey(scopes: string[]) {
      const { body } = await gqlWithCookie<CreatedKeyData>(
        stack,
        managerCookie,
        'mutation($org: ID!, $scopes: [ApiKeyScope!]!) { createApiKey(organizationId: $org, scopes: $scopes, name: "Bed board") { secret apiKey { id prefix scopes } } }',
        { org: orgId, scopes },
      );
      return expectData(body).createApiKey;
    }

    it("manages its organization's webhooks with WEBHOOKS_MANAGE, and not without it", async () => {
      const CREATE_HOOK = `mutation($org: ID!) { createWebhookEndpoint(input: {
        organizationId: $org, url: "https://93.184.216.34/hooks", events: [REFERRAL_REQUESTED]
      }) { secret endpoint { organizationId } } }`;
      const without = await createKey(['CAPACITY_WRITE']);
      expectError((await stack.gql(CREATE_HOOK, { org: orgId }, without.secret)).body, 'FORBIDDEN');
      const key = await createKey(['WEBHOOKS_MANAGE']);
      const created = await stack.gql<{
        createWebhookEndpoint: { secret: string; endpoint: { organizationId: string } };
      }>(CREATE_HOOK, { org: orgId }, key.secret);
      expect(expectData(created.body).createWebhookEndpoint.endpoint.organizationId).toBe(orgId);
      expectError(
        (await stack.gql(CREATE_HOOK, { org: randomUUID() }, key.secret)).body,
        'FORBIDDEN',
      );
    });

    it('acts as a partner of its organization within its scopes, and stops at revocation', async () => {
      const key = await createKey(['CAPACITY_WRITE']);
      expect(key.secret).toMatch(/^rrh_[A-Za-z0-9_-]{40,}$/);
      expect(key.secret.startsWith(key.apiKey.prefix)).toBe(true);

      const updated = await stack.gql<{ updateCapacity: { capacity: { available: number } } }>(
        UPDATE_CAPACITY,
        { id: listing.resource.id },
        key.secret,
      );
      expect(expectData(updated.body).updateCapacity.capacity.available).toBe(7);
      const me = expectData((await stack.gql<MeData>(ME, {}, key.secret)).body).me;
      expect(me).toMatchObject({ roles: ['PARTNER'], organization: { id: orgId } });

      // Outside its scopes: refused before anything runs.
      const outside = await stack.gql(
        'mutation($id: ID!) { setResourceStatus(id: $id, status: INACTIVE) { status } }',
        { id: listing.resource.id },
        key.secret,
      );
      expectError(outside.body, 'FORBIDDEN');
      const keyAdmin = await stack.gql(
        `mutation($org: ID!) { createApiKey(organizationId: $org, scopes: [LISTINGS_WRITE]) { secret } }`,
        { org: orgId },
        key.secret,
      );
      expectError(keyAdmin.body, 'FORBIDDEN');

      const listed = expectData(
        (
          await gqlWithCookie<ApiKeysData>(
            stack,
            managerCookie,
            'query($org: ID!) { apiKeys(organizationId: $org) { id lastUsedAt revokedAt } }',
            { org: orgId },
          )
        ).body,
      ).apiKeys.find((k) => k.id === key.apiKey.id);
      expect(listed?.lastUsedAt).not.toBeNull();

      const revoked = await gqlWithCookie<{ revokeApiKey: { revokedAt: string | null } }>(
        stack,
        managerCookie,
        'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
        { id: key.apiKey.id },
      );
      expect(expectData(revoked.body).revokeApiKey.revokedAt).not.toBeNull();
      const after = await stack.gql(UPDATE_CAPACITY, { id: listing.resource.id }, key.secret);
      expect(after.status).toBe(401);
      expect(after.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('changes referrals through /fhir only with the referrals:answer scope', async () => {
      const putTask = (secret: string) =>
        fetch(new URL(`/fhir/Task/${randomUUID()}`, stack.gatewayUrl), {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${secret}`,
            'content-type': 'application/fhir+json',
            'if-match': 'W/"1"',
          },
          body: JSON.stringify({ resourceType: 'Task', status: 'accepted' }),
        });
      const bedBoard = await putTask((await createKey(['CAPACITY_WRITE'])).secret);
      expect(bedBoard.status).toBe(403);
      const refused = (await bedBoard.json()) as { resourceType: string; issue: unknown[] };
      expect(refused.resourceType).toBe('OperationOutcome');
      expect(JSON.stringify(refused.issue)).toContain('referrals:answer');

      // With the scope the request reaches the referrals service, which knows no such Task.
      const recipient = await putTask((await createKey(['REFERRALS_ANSWER'])).secret);
      expect(recipient.status).toBe(404);
    });

    it('can be made only by the organization’s managers and admins', async () => {
      const token = await stack.token({ roles: ['partner'], org: orgId });
      const { body } = await stack.gql(
        `mutation($org: ID!) { createApiKey(organizationId: $org, scopes: [CAPACITY_WRITE]) { secret } }`,
        { org: orgId },
        token,
      );
      expectError(body, 'FORBIDDEN');
    });
  });
});
