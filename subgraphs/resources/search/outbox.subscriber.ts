import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { Location } from '../location/location.entity';
import { Organization } from '../organization/organization.entity';
import { Resource } from '../resource/resource.entity';
import { SearchOutboxEvent, type OutboxKind } from './outbox.entity';

/** Organization fields that search documents carry; other organization edits leave search alone. */
const ORGANIZATION_FIELDS = ['name'];

/**
 * Writes an outbox row for every listing change in the same flush, hence the same transaction, as
 * the change itself: whichever service made it, and however it is retried, search cannot miss it.
 */
export class SearchOutboxSubscriber implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    const wanted = new Map<string, { kind: OutboxKind; id: string }>();
    const want = (kind: OutboxKind, id: string) => wanted.set(`${kind}:${id}`, { kind, id });
    for (const cs of uow.getChangeSets()) {
      const entity = cs.entity as object;
      if (entity instanceof Resource) want('resource', entity.id);
      else if (entity instanceof Location) want('location', entity.id);
      else if (entity instanceof Organization) {
        const touched =
          cs.type !== ChangeSetType.UPDATE || ORGANIZATION_FIELDS.some((f) => f in cs.payload);
        if (touched) want('organization', entity.id);
      }
    }
    // Links between resources and locations change on the owning side's collection.
    for (const collection of uow.getCollectionUpdates()) {
      const owner = collection.owner;
      if (owner instanceof Resource) want('resource', owner.id);
      else if (owner instanceof Location) want('location', owner.id);
    }
    for (const { kind, id } of wanted.values()) {
      const event = em.create(SearchOutboxEvent, { kind, entityId: id });
      uow.computeChangeSet(event);
    }
  }
}
