import { Category } from './category/category.entity';
import { ChangeRecord } from './history/change-record.entity';
import { Address } from './location/address.entity';
import { Location } from './location/location.entity';
import { Organization } from './organization/organization.entity';
import { ListingReport } from './report/listing-report.entity';
import { Capacity } from './resource/capacity.entity';
import { Resource } from './resource/resource.entity';
import { SiteCapacity } from './resource/site-capacity.entity';
import { SearchOutboxEvent } from './search/outbox.entity';

export const ENTITIES = [
  Organization,
  Resource,
  Capacity,
  SiteCapacity,
  Location,
  Address,
  Category,
  ChangeRecord,
  ListingReport,
  SearchOutboxEvent,
];
