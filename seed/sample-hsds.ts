import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { TAXONOMY } from '../subgraphs/resources/category/taxonomy';
import type {
  HubCategory,
  HubLocation,
  HubOrganization,
  HubResource,
} from '../subgraphs/resources/hsds/model';
import { hubTerms } from '../subgraphs/resources/hsds/terms';
import { organizationDocument, type HsdsDocument } from '../subgraphs/resources/hsds/to-hsds';
import { sampleDirectory, type SampleOrganization } from './sample-directory';

export interface GenerateOptions {
  seed?: number;
  /** Listings to generate; by default the sample `npm start` loads. */
  resources?: number;
  /** The load time the sample's dates are relative to (see sampleDirectory). */
  now?: Date;
}

/** The seed's own taxonomy as rows, to name categories in documents. */
export function hubCategories(): Map<string, HubCategory> {
  return new Map(
    TAXONOMY.map((t) => [
      t.id,
      { id: t.id, name: t.name, description: t.description, parentId: t.parentId, hsds: null },
    ]),
  );
}

/** One generated organization as our rows. */
export function sampleToHub(sample: SampleOrganization): {
  organization: HubOrganization;
  locations: HubLocation[];
  resources: HubResource[];
} {
  const { locations, resources, ...org } = sample;
  return {
    organization: { ...org, hsds: null },
    locations: locations.map((l) => ({
      ...l,
      organizationId: sample.id,
      address: { ...l.address },
      hsds: null,
    })),
    resources: resources.map(({ categories, capacity, locationIds, ...r }) => ({
      ...r,
      organizationId: sample.id,
      categoryIds: categories,
      capacity,
      lastVerifiedBy: 'seed',
      locationIds,
      hsds: null,
    })),
  };
}

/** The generated directory as HSDS organization documents (locations and services inside). */
export function* generateDocuments(options: GenerateOptions = {}): Iterable<HsdsDocument> {
  const categories = hubCategories();
  for (const sample of sampleDirectory({
    seed: options.seed ?? 1,
    resources: options.resources,
    now: options.now,
  })) {
    const { organization, locations, resources } = sampleToHub(sample);
    yield organizationDocument(organization, locations, {
      resources,
      categories,
      nestTerms: false,
    });
  }
}

export interface GeneratedFiles {
  folder: string;
  organizations: number;
  resources: number;
  bytes: number;
}

/** Writes taxonomy_terms.ndjson and organizations.ndjson (one HSDS organization document a line). */
export async function writeGenerated(
  folder: string,
  options: GenerateOptions = {},
): Promise<GeneratedFiles> {
  mkdirSync(folder, { recursive: true });
  const terms = [...hubTerms().values()].map((t) => `${JSON.stringify(t)}\n`).join('');
  const termsOut = createWriteStream(join(folder, 'taxonomy_terms.ndjson'));
  termsOut.end(terms);
  await once(termsOut, 'finish');
  const out = createWriteStream(join(folder, 'organizations.ndjson'));
  const result: GeneratedFiles = {
    folder,
    organizations: 0,
    resources: 0,
    bytes: Buffer.byteLength(terms),
  };
  for (const doc of generateDocuments(options)) {
    const line = `${JSON.stringify(doc)}\n`;
    result.organizations++;
    result.resources += Array.isArray(doc.services) ? doc.services.length : 0;
    result.bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return result;
}
