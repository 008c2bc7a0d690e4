import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { assertCanEditOrganization, assertRole } from '../access';
import type { HistoryService, Snapshot } from '../history/history.service';
import { isUuid } from '../../kit/ids';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { namePage } from '../resource/resource.service';
import type {
  CreateOrganizationInput,
  OrganizationFieldsInput,
  OrganizationFilter,
  UpdateOrganizationInput,
} from './organization.inputs';
import { Organization } from './organization.entity';

function snapshotOrganization(o: Organization): Snapshot {
  const { name, kind, alternateName, description, email, website, phone } = o;
  return { name, kind: kind ?? null, alternateName, description, email, website, phone };
}

export class OrganizationService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly history: HistoryService,
  ) {}

  async get(id: string): Promise<Organization> {
    const organization = isUuid(id) ? await this.em.findOne(Organization, id) : null;
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  list(filter: OrganizationFilter | undefined, first?: number | null, after?: string | null) {
    const text = filter?.nameContains?.trim();
    const where = {
      ...(text ? { name: { $ilike: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}),
      ...(filter?.kinds?.length ? { kind: { $in: filter.kinds } } : {}),
    };
    return namePage(this.em, Organization, where, first, after);
  }

  /** Admins onboard partner organizations. */
  async create(input: CreateOrganizationInput): Promise<Organization> {
    assertRole(this.identity, ['admin'], 'add organizations');
    const organization = this.em.create(Organization, { name: input.name.trim() });
    this.apply(organization, input);
    this.history.record(
      { entityType: 'Organization', entityId: organization.id },
      {},
      snapshotOrganization(organization),
    );
    await this.em.persist(organization).flush();
    return organization;
  }

  async update(
    id: string,
    expectedVersion: number,
    input: UpdateOrganizationInput,
  ): Promise<Organization> {
    const organization = await this.get(id);
    assertCanEditOrganization(this.identity, organization.id);
    assertVersion('This organization', organization.version, expectedVersion);
    const before = snapshotOrganization(organization);
    if (input.name === null) throw new BadUserInputError('cannot be cleared', 'input.name');
    if (input.name !== undefined) organization.name = input.name.trim();
    this.apply(organization, input);
    const changed = this.history.record(
      { entityType: 'Organization', entityId: organization.id },
      before,
      snapshotOrganization(organization),
    );
    if (changed > 0) await flushOrConflict(this.em, 'This organization');
    return organization;
  }

  private apply(organization: Organization, input: OrganizationFieldsInput): void {
    if (input.kind !== undefined) organization.kind = input.kind;
    for (const key of ['alternateName', 'description', 'email', 'website', 'phone'] as const) {
      const value = input[key];
      if (value !== undefined)
        organization[key] = value === null || value.trim() === '' ? null : value.trim();
    }
  }
}
