import type { ClassType } from 'type-graphql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from './pagination';

@ObjectType({ description: 'Where a page ends and whether more follow.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The fields of a paged list of `T`; extend it in a class named `<T>Connection`. */
export function Connection<T extends object>(node: ClassType<T>) {
  // Not emitted itself: only the concrete `@ObjectType() class XConnection extends Connection(X)` is.
  @ObjectType()
  abstract class ConnectionClass implements ConnectionShape<T> {
    @Field(() => [node])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many match the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  return {
    nodes: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
