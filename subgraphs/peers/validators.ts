/** Limits on free text and lists, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 100,
  shortText: 200,
  note: 1000,
  listItems: 20,
} as const;
