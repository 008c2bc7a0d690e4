const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs; anything else cannot name a row, so it is simply not found. Checking first keeps a
 * made-up id from reaching Postgres, which would refuse it as a uuid (a 500 for the client's mistake).
 */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}
