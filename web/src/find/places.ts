export interface Place {
  lat: number;
  lng: number;
  label: string;
}

/**
 * A California city or ZIP code typed by the reader, found in data the app ships (loaded the first
 * time it is needed, not part of the first screen's JavaScript): no geocoding service is called.
 */
export async function findPlace(typed: string): Promise<Place | null> {
  const text = typed
    .trim()
    .replace(/,?\s*(ca|california)$/i, '')
    .trim();
  if (!text) return null;
  const { zips, cities } = await import('virtual:ca-places');
  const zip = /^\d{5}$/.test(text) ? zips[text] : undefined;
  if (zip) return { lat: zip[0], lng: zip[1], label: text };
  const city = cities[text.toLowerCase().replace(/\s+/g, ' ')];
  return city ? { lat: city[1], lng: city[2], label: city[0] } : null;
}
