/** What happened to a referral, as notifications name it (`notification_event.type`). */
export enum NotificationType {
  REFERRAL_REQUESTED = 'REFERRAL_REQUESTED',
  REFERRAL_ACCEPTED = 'REFERRAL_ACCEPTED',
  REFERRAL_REJECTED = 'REFERRAL_REJECTED',
  REFERRAL_ON_HOLD = 'REFERRAL_ON_HOLD',
  REFERRAL_IN_PROGRESS = 'REFERRAL_IN_PROGRESS',
  REFERRAL_COMPLETED = 'REFERRAL_COMPLETED',
  REFERRAL_FAILED = 'REFERRAL_FAILED',
  REFERRAL_CANCELLED = 'REFERRAL_CANCELLED',
  REFERRAL_ENTERED_IN_ERROR = 'REFERRAL_ENTERED_IN_ERROR',
  NOTE_ADDED = 'NOTE_ADDED',
  PEER_ASSIGNED = 'PEER_ASSIGNED',
  CONSENT_REVOKED = 'CONSENT_REVOKED',
  /** Not about a referral: one of the organization's webhook endpoints was disabled. */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}

/**
 * One row of the outbox (`notification_event`), as the trigger on `referral_event` wrote it: ids,
 * the type, the status and times, and who it concerns as they were at the event. No personal field.
 */
export interface NotificationEventRow {
  id: string;
  referral_event_id: string;
  referral_id: string;
  type: NotificationType;
  status: string;
  /** As Postgres writes it (timestamps come back as text). */
  occurred_at: string;
  actor: string;
  referrer: string;
  referrer_org_id: string | null;
  receiving_org_id: string;
  assigned_peer_id: string | null;
}
