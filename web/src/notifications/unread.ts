import { useEffect, useState } from 'preact/hooks';
import { request } from '../shared/graphql';
import { UnreadCountQuery } from './queries';

/**
 * The unread count the header shows, asked again when the person moves within the app, comes back
 * to the tab, every minute while it is open, and when the notifications screen marks some read.
 */
let count = 0;
const listeners = new Set<(count: number) => void>();
const publish = (next: number) => {
  count = next;
  listeners.forEach((listener) => listener(next));
};

let asking: Promise<void> | null = null;

export function refreshUnread(): Promise<void> {
  asking ??= request(UnreadCountQuery, {})
    .then(({ unreadNotificationCount }) => publish(unreadNotificationCount))
    // Offline or signed out meanwhile: the last count stays until the next answer.
    .catch(() => undefined)
    .finally(() => {
      asking = null;
    });
  return asking;
}

/** After the screen marked `read` of them read: the count goes down at once. */
export function markedRead(read: number): void {
  publish(Math.max(0, count - read));
}

const EVERY_MINUTE = 60_000;

export function useUnreadCount(path: string): number {
  const [unread, setUnread] = useState(count);
  useEffect(() => {
    listeners.add(setUnread);
    const onVisible = () => document.visibilityState === 'visible' && void refreshUnread();
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(() => void refreshUnread(), EVERY_MINUTE);
    return () => {
      listeners.delete(setUnread);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, []);
  useEffect(() => void refreshUnread(), [path]);
  return unread;
}
