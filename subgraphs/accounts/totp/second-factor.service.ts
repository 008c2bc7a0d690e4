import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError, RateLimitedError } from '../../kit/errors';
import { uuidArgument, type AccountsAccess } from '../access';
import { revokeUserSessions } from '../sessions/session.service';
import { SignInOutcome } from '../sign-in/sign-in-attempt.entity';
import { record } from '../sign-in/sign-in.service';
import { Membership, User } from '../users/user.entity';
import { issueRecoveryCodes } from './recovery-codes';
import { TotpFactor } from './totp.entity';
import { checkSecondFactor, SecondFactorRefusal, type TotpSettings } from './totp.service';

/** Wrong codes to regenerateRecoveryCodes within the window before it refuses (a stolen cookie). */
const REGENERATE_FAILURES = 5;
const REGENERATE_WINDOW_MINUTES = 15;

/** A person's own recovery codes, and a directory admin's reset of someone's second factor. */
export class SecondFactorService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccountsAccess,
    private readonly settings: TotpSettings,
  ) {}

  /**
   * New recovery codes for the signed-in person, the old ones void; a current code from their app
   * (or an unused recovery code) is asked, so a session alone cannot replace them.
   */
  async regenerateRecoveryCodes(code: string): Promise<string[]> {
    this.access.requireSignedIn();
    if (code.length > 40) throw new BadUserInputError('is not a code.', 'code');
    const own = await this.access.membership();
    const user = own ? await this.em.findOne(User, { id: own.userId }) : null;
    const factor = user ? await this.em.findOne(TotpFactor, { userId: user.id }) : null;
    if (!user || !own || !factor?.confirmedAt)
      throw new BadUserInputError('Set up an authenticator app first.');
    const failures = await this.em.execute<{ n: string }[]>(
      `select count(*) as n from sign_in_attempt
        where user_id = ? and outcome = ? and at > now() - make_interval(mins => ?)`,
      [user.id, SignInOutcome.SECOND_FACTOR_FAILED, REGENERATE_WINDOW_MINUTES],
    );
    if (Number(failures[0]?.n ?? 0) >= REGENERATE_FAILURES)
      throw new RateLimitedError(REGENERATE_WINDOW_MINUTES * 60);
    try {
      await checkSecondFactor(this.em, user, own.roles, code, this.settings);
    } catch (error) {
      if (!(error instanceof SecondFactorRefusal)) throw error;
      await record(this.em, user.email, user.id, null, SignInOutcome.SECOND_FACTOR_FAILED);
      throw new BadUserInputError(error.message, 'code');
    }
    return issueRecoveryCodes(this.em, user.id, this.settings.key);
  }

  /**
   * Removes a person's authenticator app and recovery codes (they lost both) and ends their
   * sessions; they sign in with their password and set up a new app. Directory admins only; audited.
   */
  async resetSecondFactor(userId: string): Promise<boolean> {
    this.access.requireAdmin();
    const id = uuidArgument(userId, 'userId');
    const user = await this.em.findOne(User, { id });
    if (!user || !(await this.em.findOne(Membership, { userId: id })))
      throw new NotFoundError('User', userId);
    await this.em.transactional(async (em) => {
      await em.execute('delete from totp_recovery_code where user_id = ?', [id]);
      await em.execute('delete from totp_factor where user_id = ?', [id]);
      await revokeUserSessions(em, id);
      await record(
        em,
        user.email,
        id,
        null,
        SignInOutcome.SECOND_FACTOR_RESET,
        this.access.identity.sub,
      );
    });
    return true;
  }
}
