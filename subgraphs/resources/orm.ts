import type { Logger } from '../kit/logger';
import { initOrm } from '../kit/orm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SearchOutboxSubscriber } from './search/outbox.subscriber';

/** Connects to the resources database and migrates it. */
export async function initResourcesOrm(clientUrl: string, logger?: Logger) {
  const orm = await initOrm({ clientUrl, entities: ENTITIES, migrations: MIGRATIONS, logger });
  // Every flush that changes a listing also writes its search outbox row (forks share this manager).
  orm.em.getEventManager().registerSubscriber(new SearchOutboxSubscriber());
  return orm;
}
