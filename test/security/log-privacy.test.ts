import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../subgraphs/kit/logger';
import { createListing } from '../support/fixtures';
import {
  codeOf,
  consentInput,
  CREATE_REFERRAL,
  ok,
  referralInput,
  type CreateReferralData,
} from '../support/referrals';
import { startStack, type TestStack } from '../support/stack';

/** Every line the gateway and the subgraphs log, at every level, as written. */
const lines: string[] = [];
const logger = createLogger('test', 'trace', {
  destination: { write: (line: string) => void lines.push(line) },
});

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({}, { logger });
});
afterAll(() => stack?.stop());

const MOVE = `mutation($id: ID!, $to: ReferralStatus!, $v: Int!, $reason: String, $code: ReferralReasonCode, $outcome: ReferralOutcomeInput) {
  transitionReferral(id: $id, to: $to, expectedVersion: $v, reason: $reason, reasonCode: $code, outcome: $outcome) { version } }`;
const NOTE = `mutation($id: ID!, $body: String!) { addReferralNote(referralId: $id, body: $body) { id } }`;
const RECORD = `mutation($id: ID!, $input: ConsentInput!) { recordConsent(referralId: $id, input: $input) { id } }`;
const REVOKE = `mutation($id: ID!, $reason: String) { revokeConsent(consentId: $id, reason: $reason) { id } }`;

describe('logs hold no personal data', () => {
  it('a marker planted in every text field of every referral and consent mutation, failed writes included, is in no log line', async () => {
    const mark = `MARK-${randomUUID()}`;
    const listing = await createListing(stack.resources.orm);
    const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
    const consent = (over: Record<string, unknown> = {}) =>
      consentInput({
        disclosingParty: `${mark} clinic`,
        purpose: `${mark} purpose`,
        informationDescription: `${mark} description`,
        signedBy: 'AUTHORIZED_REPRESENTATIVE',
        representativeRelationship: `${mark} guardian`,
        ...over,
      });
    const person = (text = '') => ({
      displayName: `${mark} Maria${text}`,
      preferredLanguage: 'es',
      contactMethod: 'EMAIL',
      contact: `${mark}@example.org`,
      contactAllowed: true,
      ref: mark,
    });
    const create = (text = '') =>
      stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        {
          input: referralInput(listing, {
            person: person(text),
            notes: `${mark} DOB 1970-01-01; on methadone${text}`,
            consent: consent(),
          }),
          key: randomUUID(),
        },
        planner,
      );

    const { id } = ok(await create()).createReferral;
    ok(await stack.gql(NOTE, { id, body: `${mark} note` }, partner));
    ok(await stack.gql(MOVE, { id, to: 'ACCEPTED', v: 1 }, partner));
    ok(
      await stack.gql(
        MOVE,
        { id, to: 'ON_HOLD', v: 2, reason: `${mark} reason`, code: 'OTHER' },
        partner,
      ),
    );
    ok(await stack.gql(MOVE, { id, to: 'IN_PROGRESS', v: 3 }, partner));
    ok(
      await stack.gql(
        MOVE,
        { id, to: 'COMPLETED', v: 4, outcome: { code: 'ENROLLED', note: `${mark} outcome` } },
        partner,
      ),
    );
    const recorded = ok(
      await stack.gql<{ recordConsent: { id: string } }>(
        RECORD,
        { id, input: consent({ purpose: `${mark} second purpose` }) },
        planner,
      ),
    ).recordConsent;
    ok(await stack.gql(REVOKE, { id: recorded.id, reason: `${mark} revoked` }, planner));

    // NUL, which Postgres refuses, is refused before any write now, naming the field only.
    const refused = [
      codeOf(await create('\u0000')),
      codeOf(await stack.gql(NOTE, { id, body: `${mark} note\u0000` }, partner)),
      codeOf(
        await stack.gql(RECORD, { id, input: consent({ purpose: `${mark}\u0000` }) }, planner),
      ),
    ];
    expect(refused).toEqual(refused.map(() => 'BAD_USER_INPUT'));

    // Writes that fail inside the database: a trigger refuses any row holding FAIL-WRITE.
    const db = stack.subgraphs.referrals.orm.em.getConnection();
    await db.execute(`create function fail_marked_writes() returns trigger language plpgsql as $$
      begin
        if row_to_json(new)::text like '%FAIL-WRITE%' then raise exception 'refused by the test'; end if;
        return new;
      end $$`);
    for (const table of ['referral', 'referral_note', 'referral_consent'])
      await db.execute(
        `create trigger fail_marked_writes before insert or update on ${table} for each row execute function fail_marked_writes()`,
      );
    const failures = [
      codeOf(await create(' FAIL-WRITE')),
      codeOf(await stack.gql(NOTE, { id, body: `${mark} note FAIL-WRITE` }, partner)),
      codeOf(
        await stack.gql(RECORD, { id, input: consent({ purpose: `${mark} FAIL-WRITE` }) }, planner),
      ),
    ];
    expect(failures).toEqual(failures.map(() => 'INTERNAL_SERVER_ERROR'));

    const failed = lines
      .map((line) => JSON.parse(line) as { msg?: string; err?: { code?: string } })
      // P0001: what the trigger raised.
      .filter((entry) => entry.msg === 'unexpected error' && entry.err?.code === 'P0001');
    // Each failure was logged, by its SQLSTATE (with its class and request id)...
    expect(failed.length).toBeGreaterThanOrEqual(failures.length);
    // ...and nothing anyone typed about the person is in any line.
    expect(lines.filter((line) => line.includes(mark))).toEqual([]);
  });
});
