import type { Knex } from '@mikro-orm/postgresql';
import { NotificationType } from '../notification-event';
import type { MailLanguage } from './email-messages';

/** How a person gets one type of event by email (the in-app feed always has it). */
export enum EmailDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DIGEST = 'DIGEST',
  OFF = 'OFF',
}

export interface StoredPreferences {
  language: MailLanguage;
  /** Local hour of the daily digest. */
  digestHour: number;
  /** The person's own time zone; null: their organization's, or the default. */
  timeZone: string | null;
  email: Partial<Record<NotificationType, EmailDelivery>>;
}

export const DEFAULT_PREFERENCES: StoredPreferences = Object.freeze({
  language: 'en',
  digestHour: 8,
  timeZone: null,
  email: {},
});

export function deliveryFor(preferences: StoredPreferences, type: NotificationType): EmailDelivery {
  return preferences.email[type] ?? EmailDelivery.IMMEDIATE;
}

interface Row {
  user_id: string;
  language: MailLanguage;
  digest_hour: number;
  time_zone: string | null;
  email: Partial<Record<NotificationType, EmailDelivery>>;
}

/** Preferences of these people, by user id; those without a row get the defaults. */
export async function loadPreferences(
  db: Knex | Knex.Transaction,
  userIds: string[],
): Promise<Map<string, StoredPreferences>> {
  const found = userIds.length
    ? (
        await db.raw<{ rows: Row[] }>(
          'select * from notification_preference where user_id = any(?::text[])',
          [userIds],
        )
      ).rows
    : [];
  const byUser = new Map(
    found.map((r) => [
      r.user_id,
      { language: r.language, digestHour: r.digest_hour, timeZone: r.time_zone, email: r.email },
    ]),
  );
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? DEFAULT_PREFERENCES]));
}

export async function savePreferences(
  db: Knex | Knex.Transaction,
  userId: string,
  preferences: StoredPreferences,
): Promise<void> {
  await db.raw(
    `insert into notification_preference (user_id, language, digest_hour, time_zone, email, updated_at)
       values (?, ?, ?, ?, ?::jsonb, now())
     on conflict (user_id) do update set language = excluded.language,
       digest_hour = excluded.digest_hour, time_zone = excluded.time_zone, email = excluded.email,
       updated_at = now()`,
    [
      userId,
      preferences.language,
      preferences.digestHour,
      preferences.timeZone,
      JSON.stringify(preferences.email),
    ],
  );
}

export const ALL_TYPES = Object.values(NotificationType);
