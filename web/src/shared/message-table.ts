/** A workspace's strings: each key in English and Spanish, as ICU messages. */
export type MessageTable = Record<string, { en: string; es: string }>;
