import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { actingRole, assertCanEditOrganization, assertRole, canEditOrganization } from '../access';
import { Location } from '../location/location.entity';
import { isUuid } from '../../kit/ids';
import type { Resource } from '../resource/resource.entity';
import type { ResourceService } from '../resource/resource.service';
import { ListingReport, ListingReportStatus } from './listing-report.entity';
import type { ReportListingIssueInput } from './listing-report.inputs';

/** Field reports: people in the field flag a listing; its organization and admins fix it. */
export class ListingReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly resources: ResourceService,
  ) {}

  async report(input: ReportListingIssueInput): Promise<ListingReport> {
    assertRole(
      this.identity,
      ['peer', 'discharge_planner', 'partner', 'admin'],
      'report a problem with a listing',
    );
    const resource = await this.resources.get(input.resourceId);
    let location: Location | null = null;
    if (input.locationId) {
      location = await this.em.findOne(Location, { id: input.locationId, resources: resource.id });
      if (!location)
        throw new BadUserInputError('this resource is not offered at that location', 'locationId');
    }
    const report = this.em.create(ListingReport, {
      resource,
      location,
      kind: input.kind,
      message: input.message?.trim() || null,
      reportedBy: this.identity.sub!,
      reportedByRole: actingRole(this.identity),
    });
    await this.em.persist(report).flush();
    return report;
  }

  async resolve(id: string, resolution: string | null | undefined): Promise<ListingReport> {
    if (!this.identity.sub) throw new UnauthenticatedError();
    // A plain String argument gets no class-validator rules; same bound as a report's message.
    if (resolution && resolution.length > 2000) {
      throw new BadUserInputError('must be at most 2000 characters', 'resolution');
    }
    const report = isUuid(id)
      ? await this.em.findOne(ListingReport, id, { populate: ['resource'] })
      : null;
    if (!report) throw new NotFoundError('Listing report', id);
    const organizationId = report.resource.getEntity().organization.id;
    if (!canEditOrganization(this.identity, organizationId))
      throw new NotFoundError('Listing report', id);
    assertCanEditOrganization(this.identity, organizationId);
    if (report.status === ListingReportStatus.RESOLVED)
      throw new ConflictError('This report is already resolved.');
    report.status = ListingReportStatus.RESOLVED;
    report.resolvedAt = new Date();
    report.resolvedBy = this.identity.sub;
    report.resolution = resolution?.trim() || null;
    await this.em.flush();
    return report;
  }

  /** Open reports on a listing, for its organization and admins only. */
  async openFor(resource: Resource): Promise<ListingReport[]> {
    if (!canEditOrganization(this.identity, resource.organization.id)) {
      throw new ForbiddenError(
        "Only this organization's partners and admins see reports on its listings.",
      );
    }
    return this.em.find(
      ListingReport,
      { resource: resource.id, status: ListingReportStatus.OPEN },
      { orderBy: { createdAt: 'desc' } },
    );
  }
}
