import { graphql, type ResultOf } from '../shared/graphql';

export const UnreadCountQuery = graphql(`
  query UnreadNotifications {
    unreadNotificationCount
  }
`);

/** One page of the signed-in person's notifications, newest first. */
export const NotificationsQuery = graphql(`
  query Notifications($after: String) {
    notifications(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        type
        referralId
        resource {
          name
        }
        status
        occurredAt
        link
        read
      }
    }
  }
`);

export type AppNotification = ResultOf<typeof NotificationsQuery>['notifications']['nodes'][number];

export const MarkReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);
