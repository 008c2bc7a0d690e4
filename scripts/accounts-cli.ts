import { identityOf } from '../subgraphs/accounts/sessions/session.service';
import { normalizeEmail } from '../subgraphs/accounts/users/email';
import { Membership, User } from '../subgraphs/accounts/users/user.entity';
import type { Identity } from '../subgraphs/kit/identity';
import { openLocalDatabase } from './local-database';

/** The identity a session of this person would carry, from the accounts database; null if none. */
export async function identityOfEmail(email: string): Promise<Identity | null> {
  const db = await openLocalDatabase('accounts');
  try {
    const em = db.orm.em.fork();
    const user = await em.findOne(User, { email: normalizeEmail(email), status: 'ACTIVE' });
    const membership = user ? await em.findOne(Membership, { userId: user.id }) : null;
    if (!user || !membership) return null;
    return identityOf(user.id, {
      roles: membership.roles,
      organization_id: membership.organizationId ?? null,
      peer_id: membership.peerId ?? null,
    });
  } finally {
    await db.close();
  }
}
