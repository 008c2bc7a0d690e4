import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from './identity';
import type { Logger } from './logger';

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  identity: Identity;
  /** A fork of the ORM's entity manager for this request only. */
  em: EntityManager;
  requestId: string;
  logger: Logger;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Keeps a caller's request id when it is sane, so one id follows a request through every service. */
export function requestIdFrom(value: string | string[] | undefined | null): string {
  const given = Array.isArray(value) ? value[0] : value;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}
