import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import { ListingReport } from './listing-report.entity';
import { ReportListingIssueInput } from './listing-report.inputs';

@Resolver(() => ListingReport)
export class ListingReportResolver {
  @Mutation(() => ListingReport, {
    description: 'Flags a problem with a listing for its organization to fix.',
  })
  reportListingIssue(
    @Arg('input', () => ReportListingIssueInput) input: ReportListingIssueInput,
    @Ctx() ctx: ResourcesContext,
  ) {
    return ctx.reports.report(input);
  }

  @Mutation(() => ListingReport, { description: 'Marks a report fixed (organization or admin).' })
  resolveListingReport(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ResourcesContext,
    @Arg('resolution', () => String, { nullable: true }) resolution?: string,
  ) {
    return ctx.reports.resolve(id, resolution);
  }

  @FieldResolver(() => Resource)
  resource(@Root() report: ListingReport, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.resource.load(report.resource.id);
  }

  @FieldResolver(() => Location, { nullable: true })
  location(@Root() report: ListingReport, @Ctx() ctx: ResourcesContext) {
    return report.location ? ctx.loaders.location.load(report.location.id) : null;
  }
}
