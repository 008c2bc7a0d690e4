import type { MessageTable } from './message-table';

/** The Refer workspace's strings (see messages.ts). */
export const REFER_MESSAGES = {} as const satisfies MessageTable;
