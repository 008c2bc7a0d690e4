import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** A peer's bookmark of a listing, in a named folder, with a note for the field. */
@ObjectType({ description: "A listing on a peer's saved list." })
@Entity({ tableName: 'saved_resource' })
@Unique({ properties: ['peerId', 'folder', 'resourceId'] })
@Index({ properties: ['peerId', 'savedAt'] })
export class SavedResource {
  [OptionalProps]?: 'id' | 'savedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  peerId!: string;

  /** The resources subgraph's Resource id; `SavedResource.resource` is a federation reference. */
  @Field(() => ID, {
    description:
      'The listing saved; kept when the listing is no longer listed, so it can be removed.',
  })
  @Property({ type: 'uuid' })
  resourceId!: string;

  @Field({ description: 'The folder it is in, e.g. "Tonight" or "Oakland housing".' })
  @Property({ type: 'text' })
  folder!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  savedAt: Date = new Date();
}
