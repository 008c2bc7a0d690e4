import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ormConfig } from '../../kit/orm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

const opened: MikroORM[] = [];
afterAll(async () => {
  for (const orm of opened) await orm.close(true);
});

/** An empty database, migrated by `count` of the referrals migrations. */
async function migrated(url: string, count: number): Promise<MikroORM> {
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: url, entities: ENTITIES, migrations: MIGRATIONS.slice(0, count) }),
  );
  opened.push(orm);
  await orm.getMigrator().up();
  return orm;
}

async function emptyDatabase(): Promise<string> {
  const server = inject('postgresUrl');
  const name = `referrals_migration_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('the disclosure-rules migration', () => {
  it('keeps every reason given before, codes it OTHER, and names the assigned peer in a consent that included them', async () => {
    const url = await emptyDatabase();
    const before = await migrated(url, 1);
    const [referral, consent, peer] = [randomUUID(), randomUUID(), randomUUID()];
    const sql = before.em.getConnection();
    await sql.execute(
      `insert into referral (id, created_by, referrer_role, idempotency_key, request_hash, resource_id,
         receiving_org_id, person_ref, person_display_name, person_contact_method, person_contact_allowed,
         needs, setting, urgency, assigned_peer_id, status, status_reason, created_at, updated_at, version)
       values (?, 'planner-1', 'discharge_planner', 'k', 'h', ?, ?, 'mrn-1', 'Ana R.', 'IN_PERSON', true,
         '{emergency-shelter}', 'HOSPITAL', 'ROUTINE', ?, 'CANCELLED', 'Family took her home', now(), now(), 2)`,
      [referral, randomUUID(), randomUUID(), peer],
    );
    await sql.execute(
      `insert into referral_event (referral_id, kind, at, actor, "from", "to", reason) values
         (?, 'CREATED', now(), 'planner-1', null, 'REQUESTED', null),
         (?, 'STATUS_CHANGED', now(), 'planner-1', 'REQUESTED', 'CANCELLED', 'Family took her home')`,
      [referral, referral],
    );
    await sql.execute(
      `insert into referral_consent (id, referral_id, person_ref, disclosing_party, recipient_organization_ids,
         includes_assigned_peer, information, purpose, revocation_acknowledged, expires_at, method, signed_by,
         signed_at, recorded_by, recorded_at)
       values (?, ?, 'mrn-1', 'Highland', '{}', true, '{IDENTITY}', 'housing', true, now() + interval '30 days',
         'WRITTEN_SIGNATURE', 'PATIENT', now(), 'planner-1', now())`,
      [consent, referral],
    );

    const after = await migrated(url, MIGRATIONS.length);
    const rows = (q: string) => after.em.getConnection().execute<Record<string, unknown>[]>(q);
    expect(
      await rows(
        `select status_reason, status_reason_code, assigned_peer_id, assigned_peer_org_id from referral`,
      ),
    ).toEqual([
      {
        status_reason: 'Family took her home',
        status_reason_code: 'OTHER',
        assigned_peer_id: peer,
        assigned_peer_org_id: null,
      },
    ]);
    expect(await rows(`select kind, reason, reason_code from referral_event order by id`)).toEqual([
      { kind: 'CREATED', reason: null, reason_code: null },
      { kind: 'STATUS_CHANGED', reason: 'Family took her home', reason_code: 'OTHER' },
    ]);
    expect(
      await rows(`select includes_assigned_peer, recipient_peer_ids from referral_consent`),
    ).toEqual([{ includes_assigned_peer: true, recipient_peer_ids: [peer] }]);
  });
});
