import type { Logger } from '../kit/logger';
import { initOrm } from '../kit/orm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Connects to the accounts database and migrates it. */
export function initAccountsOrm(clientUrl: string, logger?: Logger) {
  return initOrm({ clientUrl, entities: ENTITIES, migrations: MIGRATIONS, logger });
}
