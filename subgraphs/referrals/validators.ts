/** Limits on free text, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 200,
  reason: 1_000,
  note: 4_000,
  key: 200,
} as const;
