import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  UnauthenticatedError,
} from '../../kit/errors';
import { hasRole, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { canonicalLanguage } from '../../kit/languages';
import { isPhoneNumber } from '../../kit/validators';
import { actingRole, REFERRER_ROLES } from '../access';
import { ReferralConsent } from '../consent/consent.entity';
import { ConsentService } from '../consent/consent.service';
import { readRows } from '../loaders';
import { quoted, rowsOf, type Rows } from '../sql';
import type { KnownPeer, PeerDirectory } from '../directory/peer-directory.port';
import type { ResourceDirectory } from '../directory/resource-directory.port';
import { ReferralEvent } from './referral-event.entity';
import { ReferralNote } from './referral-note.entity';
import { ContactMethod, ReferralEventKind, ReferralStatus } from './referral.enums';
import { Referral } from './referral.entity';
import type { CreateReferralInput } from './referral.inputs';

/** How far in the past an expected discharge may be, for clocks that differ a little. */
const CLOCK_SKEW_MS = 60_000;
const MAX_DAYS_AHEAD = 366;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** The same input always hashes the same, whatever the order of its keys. */
export function requestHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/** What the checks of an input found: where it goes, and the peer assigned, if any. */
interface Checked {
  receivingOrgId: string;
  peer: KnownPeer | null;
}

const keyReused = () =>
  new ConflictError(
    'This idempotency key was already used for a different referral; use a new key for a new referral.',
  );

/** createReferral: checks, then one statement; a retry with the same key gets the same referral. */
export class CreateReferralService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly directory: ResourceDirectory,
    private readonly peers: PeerDirectory,
  ) {}

  async create(
    input: CreateReferralInput,
    idempotencyKey: string,
    now = new Date(),
  ): Promise<Referral> {
    const sub = this.identity.sub;
    if (!sub) throw new UnauthenticatedError('Sign in to refer someone.');
    if (!hasRole(this.identity, ...REFERRER_ROLES)) {
      throw new ForbiddenError('Only discharge planners, peers and admins may create referrals.');
    }
    const key = idempotencyKey.trim();
    if (!KEY.test(key)) {
      throw new BadUserInputError(
        'must be 1 to 200 visible characters, the same on every retry',
        'idempotencyKey',
      );
    }
    const hash = requestHash(input);
    let checked: Checked;
    try {
      checked = await this.check(input, now);
    } catch (error) {
      // A retry of a referral made before the listing closed still gets that referral back.
      const earlier = error instanceof BadUserInputError ? await this.byKey(sub, key) : undefined;
      if (earlier) return this.sameRequest(earlier, hash);
      throw error;
    }
    const result = await this.insert(input, key, hash, checked, now);
    if ('created' in result) return result.created;
    if (result.existingHash !== undefined && result.existingHash !== hash) throw keyReused();
    // The key was used before, or by a concurrent retry that committed while we waited on the key.
    const winner = await this.byKey(sub, key);
    if (!winner)
      throw new Error('an insert skipped on the idempotency key found no referral under it');
    return this.sameRequest(winner, hash);
  }

  private async byKey(sub: string, key: string): Promise<Referral | undefined> {
    const [found] = await readRows(
      this.em,
      Referral,
      { createdBy: sub, idempotencyKey: key },
      { id: 'asc' },
      1,
    );
    return found;
  }

  private sameRequest(referral: Referral, hash: string): Referral {
    if (referral.requestHash !== hash) throw keyReused();
    return referral;
  }

  /** Everything that can be wrong with the input; returns the receiving organization and the peer. */
  private async check(input: CreateReferralInput, now: Date): Promise<Checked> {
    const person = input.person;
    const contact = person.contact?.trim();
    if (
      person.contactMethod === ContactMethod.PHONE ||
      person.contactMethod === ContactMethod.SMS
    ) {
      if (!contact || !isPhoneNumber(contact))
        throw new BadUserInputError('must be a phone number for PHONE and SMS', 'person.contact');
    }
    if (person.contactMethod === ContactMethod.EMAIL && (!contact || !EMAIL.test(contact))) {
      throw new BadUserInputError('must be an email address for EMAIL', 'person.contact');
    }
    if (input.expectedDischargeAt) {
      const at = input.expectedDischargeAt.getTime();
      if (at < now.getTime() - CLOCK_SKEW_MS)
        throw new BadUserInputError('must not be in the past', 'expectedDischargeAt');
      if (at > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
        throw new BadUserInputError('must be within a year from now', 'expectedDischargeAt');
      }
    }
    const peerId = input.assignedPeerId?.trim();
    if (peerId !== undefined && !isUuid(peerId))
      throw new BadUserInputError('is not a peer id', 'assignedPeerId');
    const [resource, categories, peer] = await Promise.all([
      this.directory.resource(input.resourceId),
      this.directory.categoryIds(),
      peerId ? this.peers.peer(peerId) : Promise.resolve(null),
    ]);
    if (peerId && !peer) throw new BadUserInputError('no peer has this id', 'assignedPeerId');
    input.needs.forEach((need, i) => {
      if (!categories.has(need)) {
        throw new BadUserInputError(
          `"${need}" is not a category of the directory (see the categories query)`,
          `needs[${i}]`,
        );
      }
    });
    if (!resource) throw new BadUserInputError('no resource has this id', 'resourceId');
    if (resource.status === 'TEMPORARILY_CLOSED') {
      throw new BadUserInputError(
        `"${resource.name}" is temporarily closed and cannot take referrals now`,
        'resourceId',
      );
    }
    if (resource.status !== 'ACTIVE') {
      throw new BadUserInputError(
        `"${resource.name}" is inactive (${resource.status}) and cannot take referrals`,
        'resourceId',
      );
    }
    if (!resource.acceptsReferrals) {
      throw new BadUserInputError(
        `"${resource.name}" does not accept referrals; contact it directly`,
        'resourceId',
      );
    }
    if (input.locationId && !resource.locationIds.includes(input.locationId)) {
      throw new BadUserInputError(
        `is not a location where "${resource.name}" is offered`,
        'locationId',
      );
    }
    if (input.consent) {
      ConsentService.checkDraft(input.consent, now, peer?.id ?? null, 'consent.');
      await ConsentService.checkPeers(this.peers, input.consent, 'consent.');
    }
    return { receivingOrgId: resource.organizationId, peer };
  }

  /** The referral as it will be stored (and returned: no read after the write). */
  private newReferral(
    input: CreateReferralInput,
    key: string,
    hash: string,
    { receivingOrgId, peer }: Checked,
    now: Date,
  ) {
    const status = input.draft ? ReferralStatus.DRAFT : ReferralStatus.REQUESTED;
    return Object.assign(new Referral(), {
      id: randomUUID(),
      createdBy: this.identity.sub!,
      referrerRole: actingRole(this.identity) ?? 'unknown',
      referrerOrgId: this.identity.org,
      idempotencyKey: key,
      requestHash: hash,
      resourceId: input.resourceId,
      locationId: input.locationId ?? null,
      receivingOrgId,
      personRef: input.person.ref?.trim() || randomUUID(),
      personDisplayName: input.person.displayName.trim(),
      personPreferredLanguage: input.person.preferredLanguage
        ? (canonicalLanguage(input.person.preferredLanguage) ?? input.person.preferredLanguage)
        : null,
      personContactMethod: input.person.contactMethod,
      personContact: input.person.contact?.trim() || null,
      personContactAllowed: input.person.contactAllowed,
      needs: [...new Set(input.needs)],
      setting: input.setting,
      expectedDischargeAt: input.expectedDischargeAt ?? null,
      urgency: input.urgency,
      assignedPeerId: peer?.id ?? null,
      assignedPeerOrgId: peer?.organizationId ?? null,
      status,
      createdAt: now,
      updatedAt: now,
      requestedAt: status === ReferralStatus.REQUESTED ? now : null,
      version: 1,
    } satisfies Partial<Referral>);
  }

  /** What is written with it: the first events, the first note, the consent. */
  private firstRows(referral: Referral, input: CreateReferralInput, now: Date): Rows[] {
    const by = {
      actor: this.identity.sub!,
      actorRole: actingRole(this.identity),
      actorOrganizationId: this.identity.org,
    };
    const event = { referralId: referral.id, at: now, ...by, requestId: this.requestId };
    const consent = input.consent
      ? ConsentService.fields(this.identity, referral, input.consent, now)
      : undefined;
    const events: Partial<ReferralEvent>[] = [
      { ...event, kind: ReferralEventKind.CREATED, to: referral.status, detail: null },
    ];
    if (consent)
      events.push({
        ...event,
        kind: ReferralEventKind.CONSENT_RECORDED,
        to: null,
        detail: `consent ${consent.id}`,
      });
    const rows = [rowsOf(this.em, ReferralEvent, events)];
    const body = input.notes?.trim();
    if (body) {
      const note = {
        id: randomUUID(),
        referralId: referral.id,
        body,
        author: by.actor,
        authorRole: by.actorRole,
      };
      rows.push(
        rowsOf(this.em, ReferralNote, [
          { ...note, authorOrganizationId: by.actorOrganizationId, createdAt: now },
        ]),
      );
    }
    if (consent) rows.push(rowsOf(this.em, ReferralConsent, [consent]));
    return rows;
  }

  /**
   * Inserts the referral, its first events, note and consent in ONE statement, unless this referrer
   * already used the key (`on conflict do nothing`, then nothing else is written either). One
   * statement is atomic without a transaction's round trips, and a concurrent retry waits on the
   * unique key and then skips. The same statement reports the referral already under the key, when
   * its snapshot can see it, so a retry costs one round trip too.
   */
  private async insert(
    input: CreateReferralInput,
    key: string,
    hash: string,
    checked: Checked,
    now: Date,
  ): Promise<{ created: Referral } | { existingHash?: string }> {
    const referral = this.newReferral(input, key, hash, checked, now);
    const main = rowsOf(this.em, Referral, [referral]);
    const parts = this.firstRows(referral, input, now);
    const sql = [
      `with inserted as (insert into "${main.table}" (${quoted(main.columns)}) ${main.selects[0]}`,
      `  on conflict ("created_by", "idempotency_key") do nothing returning "id")`,
      ...parts.map(
        (p, i) =>
          `, w${i} as (insert into "${p.table}" (${quoted(p.columns)}) select * from (${p.selects.join(' union all ')}) r` +
          ' where exists (select 1 from inserted))',
      ),
      'select "id", null as "request_hash" from inserted',
      'union all select "id", "request_hash" from "referral"',
      '  where "created_by" = ? and "idempotency_key" = ? and not exists (select 1 from inserted)',
    ].join('\n');
    const bindings = [
      ...main.bindings,
      ...parts.flatMap((p) => p.bindings),
      referral.createdBy,
      key,
    ];
    const [row] = await this.em
      .getConnection()
      .execute<{ id: string; request_hash: string | null }[]>(sql, bindings);
    if (row && row.request_hash === null) return { created: referral };
    return { existingHash: row?.request_hash ?? undefined };
  }
}
