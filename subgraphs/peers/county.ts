/**
 * One spelling per county ("alameda", "Alameda county", " ALAMEDA  COUNTY" → "Alameda County"), applied
 * when a profile is saved and when a request names one, so Postgres compares plain strings.
 */
export function canonicalCounty(name: string): string {
  const base = name
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ county$/i, '');
  const titled = base
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
  return `${titled} County`;
}
