import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, UnauthenticatedError } from '../../../kit/errors';
import type { Identity } from '../../../kit/identity';
import { isTimeZone, type ResponseTarget } from '../../clock/business-hours';
import { responseTargets } from '../../clock/organization-clock';
import { MAIL_LANGUAGES, type MailLanguage } from './email-messages';
import {
  ALL_TYPES,
  deliveryFor,
  loadPreferences,
  savePreferences,
  type StoredPreferences,
} from './preferences';
import type { NotificationPreferences, NotificationPreferencesInput } from './preferences.types';

/** The signed-in person's email preferences, keyed by their user id. */
export class NotificationPreferencesService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly defaults: ResponseTarget,
  ) {}

  private knex() {
    return this.em.getConnection().getKnex();
  }

  private sub(): string {
    const sub = this.identity.sub;
    if (!sub) throw new UnauthenticatedError('Sign in to see your notification settings.');
    return sub;
  }

  async get(): Promise<NotificationPreferences> {
    const sub = this.sub();
    const stored = (await loadPreferences(this.knex(), [sub])).get(sub)!;
    return this.view(stored);
  }

  async set(input: NotificationPreferencesInput): Promise<NotificationPreferences> {
    const sub = this.sub();
    const stored = (await loadPreferences(this.knex(), [sub])).get(sub)!;
    const next: StoredPreferences = { ...stored, email: { ...stored.email } };
    if (input.language != null) {
      if (!MAIL_LANGUAGES.includes(input.language as MailLanguage))
        throw new BadUserInputError('must be en or es', 'language');
      next.language = input.language as MailLanguage;
    }
    if (input.digestHour != null) {
      if (!Number.isInteger(input.digestHour) || input.digestHour < 0 || input.digestHour > 23)
        throw new BadUserInputError('must be an hour from 0 to 23', 'digestHour');
      next.digestHour = input.digestHour;
    }
    if (input.timeZone != null) {
      const zone = input.timeZone.trim();
      if (zone && !isTimeZone(zone))
        throw new BadUserInputError(
          'must be an IANA time zone such as America/Los_Angeles',
          'timeZone',
        );
      next.timeZone = zone || null;
    }
    for (const [i, setting] of (input.email ?? []).entries()) {
      if (!ALL_TYPES.includes(setting.type))
        throw new BadUserInputError('is not a notification type', `email[${i}].type`);
      next.email[setting.type] = setting.delivery;
    }
    await savePreferences(this.knex(), sub, next);
    return this.view(next);
  }

  private async view(stored: StoredPreferences): Promise<NotificationPreferences> {
    const org = this.identity.org;
    const orgZone = org
      ? (await responseTargets(this.knex(), [org], this.defaults)).get(org)?.timeZone
      : undefined;
    return {
      language: stored.language,
      digestHour: stored.digestHour,
      timeZone: stored.timeZone ?? orgZone ?? this.defaults.timeZone,
      ownTimeZone: stored.timeZone !== null,
      email: ALL_TYPES.map((type) => ({ type, delivery: deliveryFor(stored, type) })),
    };
  }
}
