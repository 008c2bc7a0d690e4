import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { errorBody } from '../../kit/errors';
import { signedRequest } from '../../kit/server';
import type { SubgraphRuntime } from '../../kit/subgraph';

/** The one caller of this route: the referrals subgraph, which mails people but holds no address. */
export const REFERRALS_SERVICE = 'service:referrals';

const MAX_IDS = 500;
const uuid = z.guid();

const body = z.strictObject({
  userIds: z.array(uuid).max(MAX_IDS).default([]),
  peerIds: z.array(uuid).max(MAX_IDS).default([]),
  /** Everyone of this organization holding one of `roles` (partners by default). */
  organizationId: uuid.nullish(),
  roles: z.array(z.string().max(40)).max(10).default(['partner']),
});

export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  /** The organization of their membership (its time zone is the referrals subgraph's to know). */
  organizationId: string | null;
  peerId: string | null;
}

/**
 * Who to mail, for the referrals subgraph's EMAIL channel: active people by user id, by the peer
 * profile they hold, or by organization and role. Answers their address and name, nothing else;
 * disabled accounts are left out. Signed as `service:referrals`; anyone else gets 403.
 */
export function recipientRoutes(router: Router, runtime: SubgraphRuntime): void {
  router.post('/internal/recipients', async (req: Request, res: Response) => {
    const { identity, requestId } = signedRequest(res);
    if (identity.sub !== REFERRALS_SERVICE) {
      res
        .status(403)
        .json(errorBody('Only the referrals service may call this route.', 'FORBIDDEN', requestId));
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    } catch {
      raw = undefined;
    }
    const parsed = body.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res
        .status(400)
        .json(
          errorBody(
            `${issue.path.join('.') || 'body'}: ${issue.message}`,
            'BAD_REQUEST',
            requestId,
          ),
        );
      return;
    }
    const { userIds, peerIds, organizationId, roles } = parsed.data;
    const rows = await runtime.orm.em
      .fork()
      .getConnection()
      .execute<
        {
          user_id: string;
          email: string;
          display_name: string;
          organization_id: string | null;
          peer_id: string | null;
        }[]
      >(
        `select distinct u.id as user_id, u.email, u.display_name, m.organization_id, m.peer_id
           from account_user u join membership m on m.user_id = u.id
          where u.status = 'ACTIVE'
            and (u.id = any(?::uuid[]) or m.peer_id = any(?::uuid[])
                 or (m.organization_id = ?::uuid and m.roles && ?::text[]))
          order by u.id`,
        [
          `{${userIds.join(',')}}`,
          `{${peerIds.join(',')}}`,
          organizationId ?? null,
          `{${roles.join(',')}}`,
        ],
      );
    const recipients: Recipient[] = rows.map((r) => ({
      userId: r.user_id,
      email: r.email,
      displayName: r.display_name,
      organizationId: r.organization_id,
      peerId: r.peer_id,
    }));
    res.json({ recipients });
  });
}
