import { useEffect, useRef, useState } from 'preact/hooks';
import { SignedIn } from '../account/signed-in';
import { request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { MarkReadMutation, NotificationsQuery, type AppNotification } from './queries';
import { markedRead } from './unread';

/** Where a notification leads in this app: the referral itself, in the inbox or in My referrals. */
export function notificationHref(
  notification: Pick<AppNotification, 'link' | 'referralId'>,
): string {
  return notification.link === '/inbox' && notification.referralId
    ? `/inbox?referral=${encodeURIComponent(notification.referralId)}`
    : notification.link;
}

type Page = { nodes: AppNotification[]; endCursor: string | null; hasNext: boolean };

/**
 * `/notifications`: what changed on the referrals the person works on, newest first, each with the
 * referral it is about and when. What the screen shows is marked read, so the bell's count goes down.
 */
export function NotificationsScreen() {
  return <SignedIn screen="notifications">{() => <NotificationList />}</SignedIn>;
}

function NotificationList() {
  const { t } = useI18n();
  const [page, setPage] = useState<Page | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (after: string | null) => {
    const { notifications } = await request(NotificationsQuery, { after });
    const unread = notifications.nodes.filter((n) => !n.read).map((n) => n.id);
    if (unread.length > 0)
      void request(MarkReadMutation, { ids: unread }).then(
        (marked) => markedRead(marked.markNotificationsRead),
        () => undefined,
      );
    return notifications;
  };

  useEffect(() => {
    load(null).then(
      (n) => {
        setPage({
          nodes: n.nodes,
          endCursor: n.pageInfo.endCursor ?? null,
          hasNext: n.pageInfo.hasNextPage,
        });
        heading.current?.focus();
      },
      () => setFailed(true),
    );
  }, []);

  const more = async () => {
    if (!page?.endCursor) return;
    setLoadingMore(true);
    try {
      const n = await load(page.endCursor);
      setPage({
        nodes: [...page.nodes, ...n.nodes],
        endCursor: n.pageInfo.endCursor ?? null,
        hasNext: n.pageInfo.hasNextPage,
      });
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {t('notificationsHeading')}
      </h1>
      {!page && !failed && <p role="status">{t('loading')}</p>}
      {failed && <p role="alert">{t('notificationsFailed')}</p>}
      {page && page.nodes.length === 0 && <p>{t('notificationsNone')}</p>}
      {page && page.nodes.length > 0 && (
        <ul class="result-list notifications">
          {page.nodes.map((n) => (
            <NotificationItem key={n.id} notification={n} />
          ))}
        </ul>
      )}
      {page?.hasNext && (
        <button type="button" disabled={loadingMore} onClick={() => void more()}>
          {t('showMore')}
        </button>
      )}
    </>
  );
}

function NotificationItem({ notification }: { notification: AppNotification }) {
  const { t, locale } = useI18n();
  // The listing the referral went to comes with the page (the person stays unnamed here).
  const listing = notification.resource?.name;
  const at = new Date(notification.occurredAt);
  return (
    <li class={notification.read ? 'result' : 'result unread'}>
      <p class="result-name">
        {!notification.read && <span class="new-tag">{t('notificationNew')}</span>}
        <strong>{t('notificationWhat', { type: notification.type })}</strong>
      </p>
      <p>
        <a href={notificationHref(notification)}>
          {notification.referralId === null
            ? t('notificationOrganization')
            : listing
              ? t('notificationReferralTo', { listing })
              : t('notificationReferral')}
        </a>
      </p>
      <p class="hint">
        <time dateTime={notification.occurredAt}>
          {new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at)}
        </time>
        {notification.status && ' · '}
        {notification.status && t('notificationStatus', { status: notification.status })}
      </p>
    </li>
  );
}
