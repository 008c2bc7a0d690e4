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
  /** The referral clock: still not answered at half the organization's response target. */
  REFERRAL_RESPONSE_DUE = 'REFERRAL_RESPONSE_DUE',
  /** The referral clock: still not answered past the response target. */
  REFERRAL_OVERDUE = 'REFERRAL_OVERDUE',
  /** The referral clock: the person is expected out within 24 hours and it is not accepted. */
  REFERRAL_DISCHARGE_URGENT = 'REFERRAL_DISCHARGE_URGENT',
  /** Not about a referral: one of the organization's webhook endpoints was disabled. */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}

/** Types the clock's sweep writes (once per referral each), not a change to the referral. */
export const CLOCK_TYPES: readonly NotificationType[] = [
  NotificationType.REFERRAL_RESPONSE_DUE,
  NotificationType.REFERRAL_OVERDUE,
  NotificationType.REFERRAL_DISCHARGE_URGENT,
];

export type Audience = 'USER' | 'ORGANIZATION' | 'PEER';

/**
 * Whom an event concerns, as it was at the event: a change tells the referrer, the receiving
 * organization (once the referral was sent) and the assigned peer; the clock tells the organization
 * of a reminder, the referrer of an overdue referral, and both sides of an urgent discharge.
 */
export function eventAudiences(event: NotificationEventRow): [Audience, string][] {
  const referrer: [Audience, string] = ['USER', event.referrer];
  const organization: [Audience, string] = ['ORGANIZATION', event.receiving_org_id];
  if (event.type === NotificationType.REFERRAL_RESPONSE_DUE) return [organization];
  if (event.type === NotificationType.REFERRAL_OVERDUE) return [referrer];
  const audiences: [Audience, string][] = [referrer];
  if (event.type === NotificationType.REFERRAL_DISCHARGE_URGENT || event.status !== 'DRAFT')
    audiences.push(organization);
  if (event.assigned_peer_id) audiences.push(['PEER', event.assigned_peer_id]);
  return audiences;
}

/**
 * One row of the outbox (`notification_event`), as the trigger on `referral_event` wrote it: ids,
 * the type, the status and times, and who it concerns as they were at the event. No personal field.
 */
export interface NotificationEventRow {
  id: string;
  /** Null for the clock's events, which no change wrote. */
  referral_event_id: string | null;
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
