import { isUuid } from '../../kit/ids';
import { canonicalLanguage, languageByName } from '../language/languages';
import { uuidFor, type Problem } from './model';

/** Collects the problems of one document while its records are read. */
export class Findings {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Taxonomy terms no crosswalk maps to a category of ours, once per use. */
  readonly unmapped: { source: string; code: string; name: string }[] = [];
  constructor(readonly file: string) {}

  skip(recordId: string | null, field: string, reason: string): void {
    this.problems.push({ file: this.file, recordId, field, reason });
  }

  private readonly warned = new Set<string>();

  warn(recordId: string | null, field: string, reason: string): void {
    // The same location is often nested several times in one document: say it once.
    const key = `${recordId}\u0000${field}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ file: this.file, recordId, field, reason });
  }
}

/** A record that cannot load: thrown inside one record's reading, caught by its caller. */
export class RecordError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export type Doc = Record<string, unknown>;

export function isObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objects(v: unknown): Doc[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** A document's id as a finding names it, whatever the file put there ('' when there is none). */
export function idText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** Our id for an HSDS id: the UUID itself, or a stable UUID derived from a non-UUID id. */
export function idOf(doc: Doc, f: Findings, kind: string): string {
  const raw = doc.id;
  if (isUuid(raw)) return raw.toLowerCase();
  if ((typeof raw === 'string' && raw.trim() !== '') || typeof raw === 'number') {
    const id = uuidFor('hsds-id', kind, String(raw));
    f.warn(
      String(raw),
      'id',
      `not a UUID; stored as ${id} (the same id always maps to the same UUID)`,
    );
    return id;
  }
  throw new RecordError('id', 'missing');
}

export function refId(v: unknown, kind: string): string | null {
  if (isUuid(v)) return v.toLowerCase();
  if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    return uuidFor('hsds-id', kind, String(v));
  return null;
}

/** Text or null; numbers become text, anything else is dropped with a warning. */
export function text(doc: Doc, key: string, f: Findings, recordId: string): string | null {
  const v = doc[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') {
    f.warn(
      recordId,
      key,
      `expected text, got ${Array.isArray(v) ? 'a list' : typeof v}; left empty`,
    );
    return null;
  }
  const t = v.trim();
  return t === '' ? null : t;
}

export function requiredText(doc: Doc, key: string, f: Findings, recordId: string): string {
  const t = text(doc, key, f, recordId);
  if (!t) throw new RecordError(key, 'required, and missing or blank');
  return t;
}

export function age(doc: Doc, key: string): number | null {
  const v = doc[key];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 150) {
    throw new RecordError(
      key,
      `must be a whole number of years from 0 to 150, got ${JSON.stringify(v)}`,
    );
  }
  return n;
}

export function coordinate(v: unknown, limit: number): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/**
 * Our code for an HSDS language: its ISO 639-1 or 639-3 code ("es", "spa", "es-MX", "hmn"), stored
 * under one code per language (see language/languages.ts), or when it has no code, its English name.
 */
export function languageCode(language: Doc): string | null {
  const raw = typeof language.code === 'string' ? language.code : '';
  const byCode = raw.trim() ? canonicalLanguage(raw) : null;
  if (byCode) return byCode;
  return typeof language.name === 'string' ? languageByName(language.name) : null;
}

/** Everything except the keys the model maps, to keep as imported. */
export function extras(doc: Doc, mapped: readonly string[]): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc))
    if (!mapped.includes(k) && v !== undefined && v !== null) out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}
