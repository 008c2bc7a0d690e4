import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../kit/errors';
import type { FilterQuery } from '@mikro-orm/core';
import { uuidArgument, type AccountsAccess } from '../access';
import { normalizeEmail } from '../users/email';
import { SignInAttempt } from './sign-in-attempt.entity';

/** The sign-in audit, for directory admins. */
export class SignInAuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccountsAccess,
  ) {}

  async attempts(filter: {
    email?: string | null;
    userId?: string | null;
    first?: number | null;
  }): Promise<SignInAttempt[]> {
    this.access.requireAdmin();
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw new BadUserInputError('must be between 1 and 200.', 'first');
    const where: FilterQuery<SignInAttempt> = {};
    if (filter.email) where.email = normalizeEmail(filter.email);
    if (filter.userId) where.userId = uuidArgument(filter.userId, 'userId');
    return this.em.find(SignInAttempt, where, {
      orderBy: { at: 'desc', id: 'asc' },
      limit: first,
    });
  }
}
