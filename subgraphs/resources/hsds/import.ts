import type { Knex } from '@mikro-orm/postgresql';
import { DEFAULT_TIME_ZONE, type Problem } from './model';
import { readDocument } from './documents';
import { UnitReader, type Unit } from './from-hsds';
import type { Input } from './sources';
import type { HsdsTerm } from './terms';
import type { Crosswalk } from './crosswalk';
import { profileCrosswalk, type ImportProfile } from './profile';
import { emptyCounts, writeBatch, type BatchRows, type Counts } from './writer';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  services: number;
  elapsedMs: number;
}

export interface ImportOptions {
  timeZone?: string;
  /** Services per write; organizations and locations ride along. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** How many warnings to keep for the report (all are counted). */
  keepWarnings?: number;
  /** Maps outside taxonomies (AIRS/211, Open Eligibility) to our categories; the shipped tables by default. */
  crosswalk?: Crosswalk;
  /** The feed's profile: its source name on every record, its crosswalks, defaults and time zone. */
  profile?: ImportProfile;
}

/** A taxonomy term no crosswalk maps to a category of ours, and how many listings carry it. */
export interface UnmappedTerm {
  source: string;
  code: string;
  name: string;
  count: number;
}

export interface ImportResult {
  counts: Counts;
  /** Records skipped: file, record id, field, reason. */
  problems: Problem[];
  /** Records loaded with something left out. */
  warnings: Problem[];
  warningCount: number;
  /** Most used first: what to add to a crosswalk. */
  unmappedTerms: UnmappedTerm[];
  elapsedMs: number;
}

const KIND_TO_COUNT: Record<string, keyof Counts> = {
  service: 'services',
  organization: 'organizations',
  location: 'locations',
  taxonomy_term: 'categories',
};

function newBatch(): BatchRows & { units: Unit[] } {
  return {
    categories: new Map(),
    organizations: new Map(),
    locations: new Map(),
    resources: new Map(),
    files: new Map(),
    units: [],
  };
}

function addUnit(batch: BatchRows & { units: Unit[] }, unit: Unit): void {
  const file = unit.findings.file;
  for (const c of unit.categories)
    if (!(batch.categories.get(c.id)?.hsds && !c.hsds)) batch.categories.set(c.id, c);
  for (const o of unit.organizations) {
    batch.organizations.set(o.id, o);
    batch.files.set(o.id, file);
  }
  for (const l of unit.locations) {
    const before = batch.locations.get(l.id);
    batch.locations.set(
      l.id,
      before && !l.organizationId ? { ...l, organizationId: before.organizationId } : l,
    );
    batch.files.set(l.id, file);
  }
  for (const r of unit.resources) {
    batch.resources.set(r.id, r);
    batch.files.set(r.id, file);
  }
  batch.units.push(unit);
}

/**
 * Streams HSDS documents into the resources database in batches: insert ... on conflict (id) do
 * update, keyed by HSDS id, so importing the same data again changes nothing. A record that cannot
 * load is reported and skipped; the rest load.
 */
export async function importHsds(
  db: Knex,
  input: Input,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const keep = options.keepWarnings ?? 1000;
  const counts = emptyCounts();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  let warningCount = 0;
  let bytesRead = 0;
  let services = 0;
  let lastProgress = 0;
  let batch = newBatch();
  const terms = new Map<string, HsdsTerm>();
  const unmapped = new Map<string, UnmappedTerm>();
  const profile = options.profile;
  const crosswalk = options.crosswalk ?? (profile ? profileCrosswalk(profile) : undefined);
  const writeOptions = {
    source: profile?.source ?? null,
    onWarning: (w: Problem) => {
      warningCount++;
      if (warnings.length < keep) warnings.push(w);
    },
  };

  // One batch is written while the next is read: Postgres and Node work at the same time.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.units.length === 0) return;
    const current = batch;
    batch = newBatch();
    await writing;
    writing = write(current);
  };
  const write = async (current: ReturnType<typeof newBatch>) => {
    try {
      await writeBatch(db, current, counts, problems, writeOptions);
    } catch {
      // One record the database refuses must not sink the batch: write document by document.
      for (const unit of current.units) {
        const single = newBatch();
        addUnit(single, unit);
        try {
          await writeBatch(db, single, counts, problems, writeOptions);
        } catch (error) {
          for (const r of unit.resources) {
            counts.services.skipped++;
            problems.push({
              file: unit.findings.file,
              recordId: r.id,
              field: '(database)',
              reason: (error as Error).message,
            });
          }
        }
      }
    }
  };

  for await (const item of input.items) {
    bytesRead += item.bytes;
    if ('error' in item) {
      problems.push({ file: item.file, recordId: null, field: '(document)', reason: item.error });
      continue;
    }
    const reader = new UnitReader(item.file, {
      timeZone: options.timeZone ?? profile?.timeZone ?? DEFAULT_TIME_ZONE,
      terms,
      crosswalk,
      defaults: profile?.defaults,
    });
    readDocument(item.value, reader);
    const { unit } = reader;
    for (const p of unit.findings.problems) {
      problems.push(p);
      const kind = KIND_TO_COUNT[p.field.split('.')[0]];
      if (kind) counts[kind].skipped++;
    }
    for (const t of unit.findings.unmapped) {
      const key = `${t.source}\u0000${t.code}`;
      const seen = unmapped.get(key);
      if (seen) seen.count++;
      else unmapped.set(key, { ...t, count: 1 });
    }
    warningCount += unit.findings.warnings.length;
    for (const w of unit.findings.warnings) if (warnings.length < keep) warnings.push(w);
    services += unit.resources.length;
    addUnit(batch, unit);
    if (
      batch.resources.size >= batchSize ||
      batch.organizations.size + batch.locations.size >= 2 * batchSize
    )
      await flush();
    if (options.onProgress && Date.now() - lastProgress > 500) {
      lastProgress = Date.now();
      options.onProgress({
        bytesRead,
        totalBytes: input.totalBytes,
        services,
        elapsedMs: Date.now() - started,
      });
    }
  }
  await flush();
  await writing;
  options.onProgress?.({
    bytesRead,
    totalBytes: input.totalBytes,
    services,
    elapsedMs: Date.now() - started,
  });
  const unmappedTerms = [...unmapped.values()].sort(
    (a, b) => b.count - a.count || a.code.localeCompare(b.code),
  );
  return {
    counts,
    problems,
    warnings,
    warningCount,
    unmappedTerms,
    elapsedMs: Date.now() - started,
  };
}
