import type { SubgraphContext } from '../kit/context';
import { CategoryService } from './category/category.service';
import { DuplicateService } from './duplicates/duplicate.service';
import { HistoryService } from './history/history.service';
import { createLoaders, type Loaders } from './loaders';
import { LocationService } from './location/location.service';
import { OrganizationService } from './organization/organization.service';
import { ListingReportService } from './report/listing-report.service';
import { ResourceService } from './resource/resource.service';
import { SearchService } from './search/search.service';
import type { ResourcesServices } from './services';

export interface ResourcesContext extends SubgraphContext {
  categories: CategoryService;
  duplicates: DuplicateService;
  history: HistoryService;
  resources: ResourceService;
  locations: LocationService;
  organizations: OrganizationService;
  reports: ListingReportService;
  loaders: Loaders;
  search: SearchService;
}

/**
 * The services of one request, sharing its entity manager (one unit of work per request), and the
 * subgraph's long-lived ones (the search engine).
 */
export function resourcesContext(
  base: SubgraphContext,
  services: ResourcesServices,
): ResourcesContext {
  const { em, identity, requestId } = base;
  const knex = em.getConnection().getKnex();
  const categories = new CategoryService(em, services.taxonomy);
  const history = new HistoryService(em, identity, requestId);
  const resources = new ResourceService(em, identity, categories, history);
  return {
    ...base,
    categories,
    duplicates: new DuplicateService(em, identity, history),
    history,
    resources,
    locations: new LocationService(em, identity, history),
    organizations: new OrganizationService(em, identity, history),
    reports: new ListingReportService(em, identity, resources),
    loaders: createLoaders(em, resources),
    search: new SearchService(Promise.resolve(services.search), categories, identity, knex),
  };
}
