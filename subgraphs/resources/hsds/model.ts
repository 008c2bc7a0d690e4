import { createHash } from 'node:crypto';
import type { Schedule } from '../location/schedule';

/**
 * The directory's records as plain rows, between HSDS documents and the database. The importer
 * writes these, the exporter reads them, and the generator produces them; `hsds` keeps what HSDS
 * says and the model has no column for, so an export gives it back.
 */
export type HsdsExtras = Record<string, unknown> | null;

export interface HubOrganization {
  id: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  email: string | null;
  website: string | null;
  phone: string | null;
  /** OrganizationKind (HOSPITAL, JAIL...), carried in HSDS as an attribute of the hub's taxonomy. */
  kind?: string | null;
  hsds: HsdsExtras;
}

export interface HubAddress {
  address1: string;
  address2: string | null;
  city: string;
  region: string | null;
  stateProvince: string;
  postalCode: string;
  country: string;
}

export interface HubLocation {
  id: string;
  /** Null when a document describes a location without saying whose it is (updates only). */
  organizationId: string | null;
  name: string;
  description: string | null;
  address: HubAddress | null;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  accessibility: string | null;
  transitNotes: string | null;
  schedule: Schedule;
  hsds: HsdsExtras;
}

export interface HubCapacity {
  unit: string;
  available: number;
  maximum: number | null;
  updatedAt: string;
}

/** One site's count (HSDS 3.1 service_capacity, tied to the service at that location). */
export interface HubSiteCapacity extends HubCapacity {
  id: string;
  locationId: string;
}

export type HubStatus = 'ACTIVE' | 'TEMPORARILY_CLOSED' | 'INACTIVE' | 'DEFUNCT';

export interface HubResource {
  id: string;
  organizationId: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: HubStatus;
  categoryIds: string[];
  populations: string[];
  insurance: string[];
  languages: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  eligibilityDescription: string | null;
  feesDescription: string | null;
  applicationProcess: string | null;
  requiredDocuments: string[];
  acceptsReferrals: boolean;
  capacity: HubCapacity | null;
  /** Each site's count; the listing's `capacity` is their total. Absent when the feed gave none. */
  siteCapacities?: HubSiteCapacity[];
  lastVerifiedAt: string | null;
  lastVerifiedBy: string | null;
  /** The last change: the feed's own `last_modified` while the listing is as imported, else ours. */
  updatedAt?: string;
  /** The feed's `last_modified`, when it gave one (import only). */
  sourceModifiedAt?: string | null;
  locationIds: string[];
  hsds: HsdsExtras;
}

export interface HubCategory {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  hsds: HsdsExtras;
}

/** One problem with one record: where it came from and what to fix. */
export interface Problem {
  file: string;
  recordId: string | null;
  field: string;
  reason: string;
}

const NAMESPACE = 'resource-referral-hub/hsds';

/** A stable name-based UUID (version 5 layout): the same parts always give the same id. */
export function uuidFor(...parts: string[]): string {
  const b = createHash('sha1')
    .update([NAMESPACE, ...parts].join('\u0000'))
    .digest()
    .subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The taxonomy our own terms (categories, populations, insurance, capacity...) belong to. */
export const HUB_TAXONOMY = {
  id: uuidFor('taxonomy', 'hub'),
  name: 'resource-referral-hub',
  description: 'Categories and eligibility terms of the resource referral hub.',
  version: '1',
} as const;

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';
