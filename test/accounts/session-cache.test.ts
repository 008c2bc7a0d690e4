import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack';
import type { AccountsServices } from '../../subgraphs/accounts/services';
import { createUser, gqlWithCookie, signIn, type TestUser } from './support';

interface MeData {
  me: { id: string; roles: string[] } | null;
}
const ME = '{ me { id roles } }';

/** How long a change may take to reach another gateway. */
const PROPAGATION_MS = 1_500;

describe('session lookups cached in each gateway, ended everywhere at once', () => {
  let stack: TestStack;
  let gatewayB: string;
  let orgId: string;
  let manager: TestUser;
  let managerCookie: string;

  const onB = (cookie: string) =>
    gqlWithCookie<MeData>({ ...stack, gatewayUrl: gatewayB }, cookie, ME);
  const onA = (cookie: string) => gqlWithCookie<MeData>(stack, cookie, ME);
  const sql = (query: string, params: unknown[]) =>
    stack.subgraphs.accounts.orm.em.fork().execute(query, params);
  // The session's last use, moved silently (no event): only a cached lookup still accepts it.
  const makeIdle = (userId: string) =>
    sql(`update session set last_seen_at = now() - interval '30 days' where user_id = ?`, [userId]);
  const makeFresh = (userId: string) =>
    sql(`update session set last_seen_at = now() where user_id = ?`, [userId]);

  /** Signs in, and waits until gateway B (or another) serves the session from its cache. */
  async function cachedOnB(user: TestUser, on = onB): Promise<string> {
    const cookie = await signIn(stack, user);
    const deadline = Date.now() + 10_000;
    for (;;) {
      await makeFresh(user.id);
      expect((await on(cookie)).status).toBe(200);
      await makeIdle(user.id);
      const served = (await on(cookie)).status === 200;
      await makeFresh(user.id);
      if (served) return cookie;
      if (Date.now() > deadline) throw new Error('gateway B never cached the session');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Milliseconds until gateway B answers 401 for the cookie (polled). */
  async function untilRefusedOnB(cookie: string, since: number): Promise<number> {
    for (;;) {
      const { status } = await onB(cookie);
      if (status === 401) return Date.now() - since;
      expect(status).toBe(200);
      if (Date.now() - since > 5_000) return Infinity;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    stack = await startStack();
    gatewayB = await stack.startGateway();
    orgId = randomUUID();
    await stack.resources.orm.em
      .fork()
      .execute(
        `insert into organization (id, name, created_at, updated_at) values (?, 'Harbor Light Shelter', now(), now())`,
        [orgId],
      );
    manager = await createUser(stack, { roles: ['partner'], organizationId: orgId, manager: true });
    managerCookie = await signIn(stack, manager);
  });
  afterAll(() => stack?.stop());

  it('serves a session from the cache of each gateway it was used on', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    expect((await onA(cookie)).status).toBe(200);
    await makeIdle(member.id);
    // Still cached on B (the cache trusts a lookup for a few seconds)...
    expect(expectMe(await onB(cookie))).toBe(member.id);
  });

  it('a sign-out through gateway A ends the session on gateway B within a second', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    const since = Date.now();
    const out = await fetch(new URL('/auth/sign-out', stack.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-csrf': '1', cookie },
      body: '{}',
    });
    expect(out.status).toBe(204);
    expect((await onA(cookie)).status).toBe(401);
    expect(await untilRefusedOnB(cookie, since)).toBeLessThan(PROPAGATION_MS);
  });

  it('removeMember through gateway A ends the session on gateway B within a second', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    const since = Date.now();
    const { status } = await gqlWithCookie(
      stack,
      managerCookie,
      'mutation($id: ID!) { removeMember(userId: $id) }',
      { id: member.id },
    );
    expect(status).toBe(200);
    expect((await onA(cookie)).status).toBe(401);
    expect(await untilRefusedOnB(cookie, since)).toBeLessThan(PROPAGATION_MS);
  });

  it('a disabled account is refused on gateway B within a second', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    const since = Date.now();
    await sql(`update account_user set status = 'DISABLED' where id = ?`, [member.id]);
    expect(await untilRefusedOnB(cookie, since)).toBeLessThan(PROPAGATION_MS);
  });

  it('new roles through gateway A show on gateway B within a second', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    const since = Date.now();
    await gqlWithCookie(
      stack,
      managerCookie,
      'mutation($id: ID!) { setMemberRoles(userId: $id, roles: [DISCHARGE_PLANNER]) { roles } }',
      { id: member.id },
    );
    expect(expectRoles(await onA(cookie))).toEqual(['DISCHARGE_PLANNER']);
    let roles: string[] = [];
    while (Date.now() - since < 5_000) {
      roles = expectRoles(await onB(cookie));
      if (roles[0] === 'DISCHARGE_PLANNER') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(roles).toEqual(['DISCHARGE_PLANNER']);
    expect(Date.now() - since).toBeLessThan(PROPAGATION_MS);
  });

  describe('API keys', () => {
    /** Revokes or restores a key with no event (triggers off), as only a cached lookup would miss. */
    const setRevokedSilently = async (id: string, revoked: boolean) => {
      const em = stack.subgraphs.accounts.orm.em.fork();
      await em.transactional(async (tx) => {
        await tx.execute(`set local session_replication_role = replica`);
        await tx.execute(
          `update api_key set revoked_at = ${revoked ? 'now()' : 'null'} where id = ?`,
          [id],
        );
      });
    };
    const meWithKey = (url: string, secret: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: ME }),
      });

    async function createKey() {
      const { body } = await gqlWithCookie<{
        createApiKey: { secret: string; apiKey: { id: string } };
      }>(
        stack,
        managerCookie,
        'mutation($org: ID!) { createApiKey(organizationId: $org, scopes: [CAPACITY_WRITE]) { secret apiKey { id } } }',
        { org: orgId },
      );
      return body.data!.createApiKey;
    }

    /** Uses the key until gateway B serves it from its cache (it still works while revoked silently). */
    async function cachedKeyOnB(key: { secret: string; apiKey: { id: string } }) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        expect((await meWithKey(gatewayB, key.secret)).status).toBe(200);
        await setRevokedSilently(key.apiKey.id, true);
        const served = (await meWithKey(gatewayB, key.secret)).status === 200;
        await setRevokedSilently(key.apiKey.id, false);
        if (served) return;
        if (Date.now() > deadline) throw new Error('gateway B never cached the API key');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    it('serves a key from the cache of a gateway it was used on', async () => {
      const key = await createKey();
      await cachedKeyOnB(key);
      await setRevokedSilently(key.apiKey.id, true);
      // Revoked behind the gateway's back (no event): the cached lookup still holds for seconds.
      expect((await meWithKey(gatewayB, key.secret)).status).toBe(200);
      // A gateway that never saw the key asks, and is refused.
      expect((await meWithKey(stack.gatewayUrl, key.secret)).status).toBe(401);
    });

    it('revokeApiKey through gateway A refuses the key on gateway B within a second', async () => {
      const key = await createKey();
      await cachedKeyOnB(key);
      const since = Date.now();
      const { status } = await gqlWithCookie(
        stack,
        managerCookie,
        'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
        { id: key.apiKey.id },
      );
      expect(status).toBe(200);
      expect((await meWithKey(stack.gatewayUrl, key.secret)).status).toBe(401);
      let refusedAfter = Infinity;
      while (Date.now() - since < 5_000) {
        const response = await meWithKey(gatewayB, key.secret);
        if (response.status === 401) {
          refusedAfter = Date.now() - since;
          break;
        }
        expect(response.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(refusedAfter).toBeLessThan(PROPAGATION_MS);
    });
  });

  it('a change to one person through gateway A leaves everyone else’s session cached there', async () => {
    const bystander = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const changed = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const changedCookie = await signIn(stack, changed);
    const cookie = await cachedOnB(bystander, onA);
    await makeIdle(bystander.id);
    const { status } = await gqlWithCookie(
      stack,
      managerCookie,
      'mutation($id: ID!) { setMemberRoles(userId: $id, roles: [DISCHARGE_PLANNER]) { roles } }',
      { id: changed.id },
    );
    expect(status).toBe(200);
    // The changed person's new roles hold at once on A...
    expect(expectRoles(await onA(changedCookie))).toEqual(['DISCHARGE_PLANNER']);
    // ...and the bystander is still served from A's cache (it was not emptied for the change).
    expect(expectMe(await onA(cookie))).toBe(bystander.id);
  });

  it('with the event stream down, every gateway asks every time: nothing stale is served', async () => {
    const member = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const cookie = await cachedOnB(member);
    const events = stack.subgraphs.accounts.services as AccountsServices;
    await events.sessionEvents.stop();
    // The stream's end empties the caches; from then on a session idle too long is refused at once.
    const since = Date.now();
    await makeIdle(member.id);
    expect(await untilRefusedOnB(cookie, since)).toBeLessThan(PROPAGATION_MS);
    const other = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const otherCookie = await signIn(stack, other);
    expect((await onB(otherCookie)).status).toBe(200);
    await makeIdle(other.id);
    expect((await onB(otherCookie)).status).toBe(401);
  });
});

function expectMe(response: { status: number; body: { data?: MeData | null } }) {
  expect(response.status).toBe(200);
  return response.body.data?.me?.id;
}

function expectRoles(response: { status: number; body: { data?: MeData | null } }): string[] {
  expect(response.status).toBe(200);
  return response.body.data?.me?.roles ?? [];
}
