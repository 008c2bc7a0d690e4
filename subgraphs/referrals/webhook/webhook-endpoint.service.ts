import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { sealSecret } from '../../kit/sealed-secret';
import { NotificationType } from '../notification/notification-event';
import { pgArray, type WebhookSettings } from './webhook-settings';
import { newWebhookSecret } from './webhook-signature';
import { resolveWebhookTarget, UnsafeUrlError } from './webhook-url';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs';
import type {
  WebhookDisabledReason,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './webhook.types';

/** The most endpoints one organization may register. */
export const MAX_ENDPOINTS = 20;
/** The longest a rotated-out secret may keep signing. */
const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export interface WebhookServiceSettings extends Pick<
  WebhookSettings,
  'policy' | 'secretGraceMs' | 'retrySchedule'
> {
  /** Seals secrets at rest. */
  key: Buffer;
}

export interface EndpointRow {
  id: string;
  organization_id: string;
  url: string;
  events: NotificationType[];
  enabled: boolean;
  disabled_reason: WebhookDisabledReason | null;
  /** Timestamps come back from Postgres as text. */
  disabled_at: string | null;
  failing_since: string | null;
  previous_secret_until: string | null;
  created_at: string;
  updated_at: string;
}

const dateOrNull = (v: string | null) => (v === null ? null : new Date(v));

const COLUMNS = `id, organization_id, url, events, enabled, disabled_reason, disabled_at, failing_since,
  previous_secret_until, created_at, updated_at`;

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  const previous = dateOrNull(row.previous_secret_until);
  return {
    id: row.id,
    organizationId: row.organization_id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: dateOrNull(row.disabled_at),
    failingSince: dateOrNull(row.failing_since),
    previousSecretExpiresAt: previous && previous > new Date() ? previous : null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * An organization's webhook endpoints: its partners (API keys act as partners) and directory
 * admins manage them. Secrets are sealed at rest and shown once, at creation and rotation.
 */
export class WebhookEndpointService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    protected readonly settings: WebhookServiceSettings,
  ) {}

  protected rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params);
  }

  /** Refuses anyone but the organization's partners and admins. */
  authorize(organizationId: string): void {
    if (!this.identity.sub) throw new UnauthenticatedError('Sign in to manage webhooks.');
    if (isAdmin(this.identity)) return;
    if (hasRole(this.identity, 'partner') && this.identity.org === organizationId) return;
    throw new ForbiddenError("Only the organization's partners manage its webhooks.");
  }

  /** The endpoint, once the caller may manage it. */
  async endpoint(id: string, field = 'id'): Promise<EndpointRow> {
    if (!isUuid(id)) throw new BadUserInputError('is not a webhook endpoint id', field);
    const [row] = await this.rows<EndpointRow>(
      `select ${COLUMNS} from webhook_endpoint where id = ?`,
      [id],
    );
    if (!row) {
      if (!this.identity.sub) throw new UnauthenticatedError('Sign in to manage webhooks.');
      throw new NotFoundError('Webhook endpoint', id);
    }
    this.authorize(row.organization_id);
    return row;
  }

  private async checkedUrl(url: string, field: string): Promise<string> {
    try {
      return (await resolveWebhookTarget(url.trim(), this.settings.policy)).url.toString();
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new BadUserInputError(error.message, field);
      throw error;
    }
  }

  private checkedEvents(events: NotificationType[], field: string): NotificationType[] {
    if (events.includes(NotificationType.WEBHOOK_ENDPOINT_DISABLED))
      throw new BadUserInputError('can only name referral events', field);
    return [...new Set(events)];
  }

  async list(organizationId: string): Promise<WebhookEndpoint[]> {
    if (!isUuid(organizationId))
      throw new BadUserInputError('is not an organization id', 'organizationId');
    this.authorize(organizationId);
    const rows = await this.rows<EndpointRow>(
      `select ${COLUMNS} from webhook_endpoint where organization_id = ? order by created_at, id`,
      [organizationId],
    );
    return rows.map(toEndpoint);
  }

  async create(input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
    if (!isUuid(input.organizationId))
      throw new BadUserInputError('is not an organization id', 'input.organizationId');
    this.authorize(input.organizationId);
    const events = this.checkedEvents(input.events, 'input.events');
    const url = await this.checkedUrl(input.url, 'input.url');
    const [{ count }] = await this.rows<{ count: string }>(
      'select count(*) from webhook_endpoint where organization_id = ?',
      [input.organizationId],
    );
    if (Number(count) >= MAX_ENDPOINTS)
      throw new ConflictError(
        `An organization may have at most ${MAX_ENDPOINTS} webhook endpoints.`,
      );
    const secret = newWebhookSecret();
    const [row] = await this.rows<EndpointRow>(
      `insert into webhook_endpoint (organization_id, url, events, secret_sealed, created_by)
       values (?, ?, ?::text[], ?, ?) returning ${COLUMNS}`,
      [
        input.organizationId,
        url,
        pgArray(events),
        sealSecret(secret, this.settings.key),
        this.identity.sub,
      ],
    );
    return { endpoint: toEndpoint(row), secret };
  }

  async update(id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    const current = await this.endpoint(id);
    const url = input.url ? await this.checkedUrl(input.url, 'input.url') : current.url;
    const events = input.events ? this.checkedEvents(input.events, 'input.events') : current.events;
    const enabled = input.enabled ?? current.enabled;
    // Enabling again starts afresh: the failures that disabled it are forgotten.
    const [row] = await this.rows<EndpointRow>(
      `update webhook_endpoint set url = ?, events = ?::text[], enabled = ?,
         disabled_reason = case when ? then null when enabled then 'MANUAL' else disabled_reason end,
         disabled_at = case when ? then null when enabled then now() else disabled_at end,
         failing_since = case when ? and not enabled then null else failing_since end,
         updated_at = now()
       where id = ? returning ${COLUMNS}`,
      [url, pgArray(events), enabled, enabled, enabled, enabled, id],
    );
    return toEndpoint(row);
  }

  /**
   * A new secret, shown this once; the one before keeps signing too for `graceSeconds` (by
   * default the configured grace), so receivers can switch without missing a delivery.
   */
  async rotate(id: string, graceSeconds?: number | null): Promise<WebhookEndpointWithSecret> {
    await this.endpoint(id);
    if (
      graceSeconds !== undefined &&
      graceSeconds !== null &&
      (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS)
    )
      throw new BadUserInputError(`must be between 0 and ${MAX_GRACE_SECONDS}`, 'graceSeconds');
    const graceMs =
      graceSeconds === undefined || graceSeconds === null
        ? this.settings.secretGraceMs
        : graceSeconds * 1000;
    const secret = newWebhookSecret();
    const [row] = await this.rows<EndpointRow>(
      `update webhook_endpoint set previous_secret_sealed = secret_sealed,
         previous_secret_until = now() + (? * interval '1 millisecond'),
         secret_sealed = ?, updated_at = now()
       where id = ? returning ${COLUMNS}`,
      [graceMs, sealSecret(secret, this.settings.key), id],
    );
    return { endpoint: toEndpoint(row), secret };
  }

  async delete(id: string): Promise<string> {
    await this.endpoint(id);
    await this.rows('delete from webhook_endpoint where id = ?', [id]);
    return id;
  }
}
