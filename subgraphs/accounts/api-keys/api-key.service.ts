import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { uuidArgument, type AccountsAccess } from '../access';
import { API_KEY_PREFIX, newApiKey, secretHash } from '../secrets';
import { ApiKeyScope, ApiKeyView, CreatedApiKey } from '../users/account.types';
import { ApiKey } from './api-key.entity';

const SCOPES: readonly string[] = Object.values(ApiKeyScope);

export function apiKeyView(key: ApiKey): ApiKeyView {
  return Object.assign(new ApiKeyView(), {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    organization: { id: key.organizationId },
    scopes: key.scopes.filter((s): s is ApiKeyScope => SCOPES.includes(s)),
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedAt: key.revokedAt ?? null,
  });
}

/** Keys of partner systems, managed by the organization's managers and admins. */
export class ApiKeyService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccountsAccess,
  ) {}

  async create(organizationId: string, scopes: ApiKeyScope[], name?: string | null) {
    const org = uuidArgument(organizationId, 'organizationId');
    await this.access.requireManagerOf(org);
    if (scopes.length === 0) throw new BadUserInputError('name at least one scope.', 'scopes');
    const label = (name ?? '').trim() || 'API key';
    if (label.length > 100) throw new BadUserInputError('at most 100 characters.', 'name');
    const secret = newApiKey();
    const key = this.em.create(ApiKey, {
      keyHash: secretHash(secret),
      prefix: secret.slice(0, API_KEY_PREFIX.length + 6),
      name: label,
      organizationId: org,
      scopes: [...new Set(scopes)],
      createdBy: this.access.identity.sub!,
    });
    await this.em.flush();
    return Object.assign(new CreatedApiKey(), { apiKey: apiKeyView(key), secret });
  }

  async revoke(id: string): Promise<ApiKeyView> {
    const keyId = uuidArgument(id, 'id');
    this.access.requireSignedIn();
    const key = await this.em.findOne(ApiKey, { id: keyId });
    if (!key || !(this.access.admin || (await this.access.isManagerOf(key.organizationId))))
      throw new NotFoundError('API key', id);
    key.revokedAt ??= new Date();
    await this.em.flush();
    return apiKeyView(key);
  }

  async list(organizationId: string): Promise<ApiKeyView[]> {
    const org = uuidArgument(organizationId, 'organizationId');
    await this.access.requireManagerOf(org);
    const keys = await this.em.find(
      ApiKey,
      { organizationId: org },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    return keys.map(apiKeyView);
  }
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The identity an API key stands for: a partner of its organization (never an admin), with its
 * scopes, which the gateway enforces. Null when the key is unknown or revoked.
 */
export async function resolveApiKey(
  em: EntityManager,
  secret: string,
  now = new Date(),
): Promise<{ identity: Identity; scopes: string[] } | null> {
  const key = await em.findOne(ApiKey, { keyHash: secretHash(secret), revokedAt: null });
  if (!key) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS)
    await em.execute('update api_key set last_used_at = ? where id = ?', [now, key.id]);
  return {
    identity: { sub: `apikey:${key.id}`, roles: ['partner'], org: key.organizationId, peer: null },
    scopes: [...key.scopes],
  };
}
