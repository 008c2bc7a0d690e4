import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../shared/graphql';
import { useI18n } from '../shared/i18n';
import { ListingsPanel } from './listings-panel';
import { waited } from '../shared/format';
import { inboxOrder } from './lifecycle';
import { needNames } from '../refer/needs';
import { inboxHref } from './links';
import { InboxQuery, type InboxReferral } from './queries';
import { ReferralDetail } from './referral-detail';
import type { WorkspaceProps } from './workspace';

type Status =
  | { kind: 'loading' }
  | {
      kind: 'done';
      name: string;
      referrals: InboxReferral[];
      total: number;
      /** Where the next page starts, while there is one. */
      next: string | null;
    }
  | { kind: 'failed' };

/** The organization a screen works for: the reader's own, or for an admin the one in `?org=`. */
export const orgOf = ({ me, route }: WorkspaceProps): string | null =>
  me.organization?.id ?? route.query.get('org');

/**
 * `/inbox`: referrals sent to my organization, oldest waiting first, and beside them the beds and
 * listings the organization keeps current. `?referral=<id>` opens one.
 */
export function InboxScreen(props: WorkspaceProps) {
  const { t } = useI18n();
  const org = orgOf(props);
  const open = props.route.query.get('referral');
  if (!org)
    return (
      <>
        <h1>{t('placeholder', { screen: 'inbox' })}</h1>
        <p>{t('answerNoOrg')}</p>
      </>
    );
  if (open) return <ReferralDetail id={open} />;
  return (
    <>
      <Inbox org={org} />
      <ListingsPanel org={org} />
    </>
  );
}

function Inbox({ org }: { org: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const [more, setMore] = useState<'idle' | 'loading' | 'failed'>('idle');
  useEffect(() => {
    const abort = new AbortController();
    request(InboxQuery, { org, after: null }, abort.signal).then(
      ({ organization }) => {
        const { nodes, totalCount, pageInfo } = organization.referralInbox;
        setStatus({
          kind: 'done',
          name: organization.name,
          referrals: inboxOrder(nodes),
          total: totalCount,
          next: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null,
        });
      },
      () => !abort.signal.aborted && setStatus({ kind: 'failed' }),
    );
    return () => abort.abort();
  }, [org]);
  /** The next page, merged in: the order stays oldest waiting first over all that is shown. */
  const showMore = async () => {
    if (status.kind !== 'done' || !status.next) return;
    setMore('loading');
    try {
      const { organization } = await request(InboxQuery, { org, after: status.next });
      const { nodes, totalCount, pageInfo } = organization.referralInbox;
      const known = new Set(status.referrals.map((r) => r.id));
      setStatus({
        ...status,
        referrals: inboxOrder([...status.referrals, ...nodes.filter((r) => !known.has(r.id))]),
        total: totalCount,
        next: pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null,
      });
      setMore('idle');
    } catch {
      setMore('failed');
    }
  };
  useEffect(() => heading.current?.focus(), []);
  const now = new Date();
  const waiting = status.kind === 'done' ? status.referrals.filter(isWaiting) : [];
  const working = status.kind === 'done' ? status.referrals.filter((r) => !isWaiting(r)) : [];
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>
        {t('placeholder', { screen: 'inbox' })}
        {status.kind === 'done' && <span class="where-label"> · {status.name}</span>}
      </h1>
      {status.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {status.kind === 'failed' && <p role="alert">{t('answerLoadFailed')}</p>}
      {status.kind === 'done' && (
        <>
          <section aria-labelledby="inbox-waiting">
            <h2 id="inbox-waiting">{t('inboxWaitingHeading', { count: waiting.length })}</h2>
            {waiting.length === 0 ? (
              <p>{t('inboxNothingWaiting')}</p>
            ) : (
              <ReferralList referrals={waiting} now={now} />
            )}
          </section>
          <section aria-labelledby="inbox-working">
            <h2 id="inbox-working">{t('inboxWorkingHeading', { count: working.length })}</h2>
            {working.length === 0 ? (
              <p>{t('inboxNothingWorking')}</p>
            ) : (
              <ReferralList referrals={working} now={now} />
            )}
          </section>
          {status.next && (
            <>
              <p class="hint" id="inbox-shown">
                {t('inboxShown', { shown: status.referrals.length, total: status.total })}
              </p>
              <button
                type="button"
                aria-describedby="inbox-shown"
                disabled={more === 'loading'}
                onClick={() => void showMore()}
              >
                {t('showMore')}
              </button>
            </>
          )}
          {more === 'failed' && <p role="alert">{t('answerLoadFailed')}</p>}
        </>
      )}
    </>
  );
}

const isWaiting = (r: InboxReferral) => r.status === 'REQUESTED';

function ReferralList({ referrals, now }: { referrals: InboxReferral[]; now: Date }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul class="result-list">
      {referrals.map((r) => (
        <li key={r.id} class="result">
          <h3 class="result-name">
            <a href={inboxHref(r.id)}>
              {r.person?.displayName ??
                t('inboxUnnamed', { resource: r.resource?.name ?? t('inboxUnknownListing') })}
            </a>
          </h3>
          <p>
            <span class={r.urgency === 'ROUTINE' ? '' : 'urgent'}>
              {t('inboxUrgency', { urgency: r.urgency })}
            </span>
            {' · '}
            {t('inboxStatus', { status: r.status })}
          </p>
          <p class="beds">
            {t('inboxWaited', {
              ...waited(new Date(r.requestedAt ?? r.createdAt), now),
              waiting: String(r.status === 'REQUESTED'),
            })}
          </p>
          {r.status === 'REQUESTED' && r.respondBy && (
            <p class={r.overdue ? 'urgent' : ''}>
              {t(r.overdue ? 'inboxOverdue' : 'inboxRespondBy', {
                when: when.format(new Date(r.respondBy)),
              })}
            </p>
          )}
          {r.person && r.resource && <p class="result-org">{r.resource.name}</p>}
          {r.needs.length > 0 && <p>{t('referNeedsLine', { needs: needNames(i18n, r.needs) })}</p>}
          <p>
            {r.expectedDischargeAt
              ? t('inboxDischarge', {
                  setting: r.setting,
                  when: when.format(new Date(r.expectedDischargeAt)),
                })
              : t('inboxLeaving', { setting: r.setting })}
          </p>
        </li>
      ))}
    </ul>
  );
}
