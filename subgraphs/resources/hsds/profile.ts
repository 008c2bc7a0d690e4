import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Insurance, Population } from '../resource/resource.enums';
import { isValidTimeZone } from '../location/schedule';
import { Crosswalk, CROSSWALK_TABLES } from './crosswalk';
import county211 from './profiles/county-211.json';

/**
 * An import profile: how one feed is read. Its `source` is written on every record it loads, and a
 * re-import with the same profile changes only those records, only in the fields no one edited in
 * the app since, and never their capacity. `defaults` fill in what the feed does not say.
 */
const ProfileSchema = z.strictObject({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, up to 63'),
  name: z.string().min(1),
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone').optional(),
  crosswalks: z.array(z.string()).optional(),
  defaults: z
    .strictObject({
      acceptsReferrals: z.boolean().optional(),
      populations: z.array(z.enum(Population)).optional(),
      insurance: z.array(z.enum(Insurance)).optional(),
    })
    .optional(),
});

export type ImportProfile = z.infer<typeof ProfileSchema>;

/** Profiles shipped with the directory, by name; any other is a JSON file of the same shape. */
export const PROFILES: Readonly<Record<string, unknown>> = { 'county-211': county211 };

export class ProfileError extends Error {}

export function parseProfile(value: unknown, where: string): ImportProfile {
  const parsed = ProfileSchema.safeParse(value);
  if (!parsed.success)
    throw new ProfileError(
      `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`).join('; ')}`,
    );
  const known = new Set(CROSSWALK_TABLES.map((t) => t.source));
  const unknown = (parsed.data.crosswalks ?? []).filter((c) => !known.has(c));
  if (unknown.length > 0)
    throw new ProfileError(
      `${where}: crosswalks: ${unknown.join(', ')} unknown (known: ${[...known].join(', ')})`,
    );
  return parsed.data;
}

/** A shipped profile by name, or a profile file by path. */
export async function loadProfile(nameOrPath: string): Promise<ImportProfile> {
  if (nameOrPath in PROFILES) return parseProfile(PROFILES[nameOrPath], nameOrPath);
  let text: string;
  try {
    text = await readFile(nameOrPath, 'utf8');
  } catch {
    throw new ProfileError(
      `${nameOrPath}: no such profile (shipped: ${Object.keys(PROFILES).join(', ')}) and no such file`,
    );
  }
  try {
    return parseProfile(JSON.parse(text), nameOrPath);
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    throw new ProfileError(`${nameOrPath}: not JSON: ${(error as Error).message}`);
  }
}

/** The crosswalks a profile names (all shipped ones when it names none). */
export function profileCrosswalk(profile: ImportProfile): Crosswalk {
  const names = profile.crosswalks;
  return new Crosswalk(
    names ? CROSSWALK_TABLES.filter((t) => names.includes(t.source)) : CROSSWALK_TABLES,
  );
}
