import type { MessageTable } from './message-table';

/** The Answer workspace's strings (see messages.ts). */
export const ANSWER_MESSAGES = {} as const satisfies MessageTable;
