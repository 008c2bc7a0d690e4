/** California's ZIP codes and cities, built from the `zipcodes` package (web/vite.config.mts). */
declare module 'virtual:ca-places' {
  /** ZIP code → [latitude, longitude]. */
  export const zips: Record<string, [number, number]>;
  /** Lower-case city name → [name, latitude, longitude]. */
  export const cities: Record<string, [string, number, number]>;
}
