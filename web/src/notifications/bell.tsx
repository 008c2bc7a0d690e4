import { useI18n } from '../shared/i18n';
import { useUnreadCount } from './unread';

/** The header's bell: a link to `/notifications` that says how many are unread. */
export function NotificationBell({ path }: { path: string }) {
  const { t } = useI18n();
  const unread = useUnreadCount(path);
  return (
    <a
      href="/notifications"
      class="bell"
      aria-current={path === '/notifications' ? 'page' : undefined}
      aria-label={t('notificationsLink', { count: unread })}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {unread > 0 && (
        <span class="badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}
