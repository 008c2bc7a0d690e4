import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '../../kit/errors';
import type { Logger } from '../../kit/logger';
import { uuidArgument, type AccountsAccess } from '../access';
import { AuthRefusal } from '../auth-error';
import type { AccountsSettings } from '../config';
import type { Mail, Mailer } from '../../kit/mailer';
import { newSecret, secretHash } from '../secrets';
import {
  createSession,
  revokeUserSessions,
  type IssuedSession,
  type SessionOrigin,
} from '../sessions/session.service';
import { InvitationStatus, InvitationView, type InviteUserInput } from '../users/account.types';
import { normalizeEmail, validEmail } from '../users/email';
import { checkRoles } from '../users/member.service';
import { hashPassword, passwordProblem, PASSWORD_PROBLEM_MESSAGES } from '../users/password';
import { AccountRole, toAccountRoles, toRoles } from '../users/roles';
import { Membership, User } from '../users/user.entity';
import { Invitation, PasswordReset } from './invitation.entity';

const DAY = 86_400_000;

function statusOf(invitation: Invitation, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  if (invitation.expiresAt <= now) return InvitationStatus.EXPIRED;
  return InvitationStatus.PENDING;
}

export function invitationView(invitation: Invitation): InvitationView {
  return Object.assign(new InvitationView(), {
    id: invitation.id,
    email: invitation.email,
    roles: toAccountRoles(invitation.roles),
    manager: invitation.manager,
    organization: invitation.organizationId ? { id: invitation.organizationId } : null,
    peer: invitation.peerId ? { id: invitation.peerId } : null,
    status: statusOf(invitation),
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
  });
}

/** A new password's problem as the sign-in routes answer it (400 with the policy's code). */
export function checkNewPassword(password: string, context: string[]): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AuthRefusal(400, problem, PASSWORD_PROBLEM_MESSAGES[problem]);
}

function checkDisplayName(displayName: string): string {
  const name = displayName.trim().normalize('NFC');
  if (name.length < 1 || name.length > 100 || /[\p{Cc}\p{Cf}]/u.test(name))
    throw new AuthRefusal(
      400,
      'BAD_USER_INPUT',
      'displayName: give the name others should see, 1 to 100 characters.',
    );
  return name;
}

export interface MailContext {
  mailer: Mailer;
  settings: AccountsSettings;
  logger: Logger;
}

async function send(context: MailContext, mail: Mail): Promise<void> {
  try {
    await context.mailer.send(mail);
  } catch (error) {
    // The address is the person's: log that sending failed, not to whom.
    context.logger.error({ err: error }, 'mail could not be sent');
    throw new ServiceUnavailableError('The email could not be sent; nothing was saved. Try again.');
  }
}

/** Invitations (by organizations' managers and admins) and accepting one (by the person invited). */
export class InvitationService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccountsAccess,
    private readonly mail: MailContext,
  ) {}

  async invite(input: InviteUserInput): Promise<InvitationView> {
    const email = validEmail(input.email, 'input.email');
    const organizationId =
      input.organizationId == null
        ? null
        : uuidArgument(input.organizationId, 'input.organizationId');
    const peerId = input.peerId == null ? null : uuidArgument(input.peerId, 'input.peerId');
    this.access.requireSignedIn();
    checkRoles([input.role], this.access);
    if (!organizationId && input.role !== AccountRole.ADMIN)
      throw new BadUserInputError(
        'name the organization the person will work for.',
        'input.organizationId',
      );
    if (input.role === AccountRole.PEER && !peerId)
      throw new BadUserInputError("a peer's invitation names their peer profile.", 'input.peerId');
    if (input.role !== AccountRole.PEER && peerId)
      throw new BadUserInputError('only a peer is linked to a peer profile.', 'input.peerId');
    await this.access.requireManagerOf(organizationId);
    const existing = await this.em.findOne(User, { email });
    if (existing && (await this.em.count(Membership, { userId: existing.id })) > 0)
      throw new ConflictError('That person already has an account in an organization.');
    const token = newSecret();
    const now = new Date();
    const invitation = this.em.create(Invitation, {
      tokenHash: secretHash(token),
      email,
      organizationId,
      roles: toRoles([input.role]),
      manager: input.manager ?? false,
      peerId,
      invitedBy: this.access.identity.sub!,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.mail.settings.invitationDays * DAY),
    });
    const link = `${this.mail.settings.publicUrl}/sign-in?invitation=${encodeURIComponent(token)}`;
    // Sent before it is saved: an invitation whose email failed is not left half-made.
    await send(this.mail, {
      to: email,
      subject: 'You are invited to the resource directory and referral hub',
      text: `You have been invited to join the resource directory and referral hub.\n\nChoose your password here (the link works once, for ${this.mail.settings.invitationDays} days):\n${link}\n\nIf you did not expect this, ignore this email.`,
    });
    await this.em.flush();
    return invitationView(invitation);
  }

  async revoke(id: string): Promise<InvitationView> {
    const invitationId = uuidArgument(id, 'id');
    this.access.requireSignedIn();
    const invitation = await this.em.findOne(Invitation, { id: invitationId });
    if (
      !invitation ||
      !(this.access.admin || (await this.access.isManagerOf(invitation.organizationId)))
    )
      throw new NotFoundError('Invitation', id);
    if (invitation.acceptedAt) throw new ConflictError('That invitation was already accepted.');
    invitation.revokedAt ??= new Date();
    await this.em.flush();
    return invitationView(invitation);
  }

  async list(organizationId: string): Promise<InvitationView[]> {
    const org = uuidArgument(organizationId, 'organizationId');
    await this.access.requireManagerOf(org);
    const rows = await this.em.find(
      Invitation,
      { organizationId: org },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 200 },
    );
    return rows.map(invitationView);
  }
}

const invitationRefused = {
  unknown: () =>
    new AuthRefusal(
      400,
      'INVITATION_INVALID',
      'This invitation link is not valid; ask for a new one.',
    ),
  used: () =>
    new AuthRefusal(409, 'INVITATION_USED', 'This invitation was already used; sign in instead.'),
  expired: () =>
    new AuthRefusal(410, 'INVITATION_EXPIRED', 'This invitation has expired; ask for a new one.'),
};

/**
 * Accepts an invitation: checks the password and name first, then in one transaction marks the
 * invitation used (only if no one else just did), makes the account and membership, and opens a
 * session. A refusal leaves nothing behind and the invitation still usable.
 */
export async function acceptInvitation(
  em: EntityManager,
  request: SessionOrigin & { token: string; password: string; displayName: string },
  settings: AccountsSettings,
): Promise<IssuedSession> {
  const invitation = await em.findOne(Invitation, { tokenHash: secretHash(request.token) });
  if (!invitation || invitation.revokedAt) throw invitationRefused.unknown();
  if (invitation.acceptedAt) throw invitationRefused.used();
  if (invitation.expiresAt <= new Date()) throw invitationRefused.expired();
  const displayName = checkDisplayName(request.displayName);
  checkNewPassword(request.password, [invitation.email, displayName]);
  const passwordHash = await hashPassword(request.password);
  const lifetimes = { idleHours: settings.sessionIdleHours, maxDays: settings.sessionMaxDays };
  return em.transactional(async (tx) => {
    const claimed = await tx.execute<{ id: string }[]>(
      `update invitation set accepted_at = now()
        where id = ? and accepted_at is null and revoked_at is null and expires_at > now()
        returning id`,
      [invitation.id],
    );
    if (claimed.length === 0) throw invitationRefused.used();
    let user = await tx.findOne(User, { email: invitation.email });
    if (user && (await tx.count(Membership, { userId: user.id })) > 0)
      throw new AuthRefusal(409, 'CONFLICT', 'This email already has an account; sign in instead.');
    if (user) {
      // A person removed earlier and invited again: the same account, a new password.
      Object.assign(user, { displayName, passwordHash, status: 'ACTIVE' });
      await revokeUserSessions(tx, user.id);
    } else {
      user = tx.create(User, { email: invitation.email, displayName, passwordHash });
    }
    tx.create(Membership, {
      userId: user.id,
      organizationId: invitation.organizationId ?? null,
      roles: invitation.roles,
      manager: invitation.manager,
      peerId: invitation.peerId ?? null,
    });
    await tx.flush();
    return createSession(tx, user.id, request, lifetimes);
  });
}

/**
 * Mails a reset link when the email has an active account, and does nothing otherwise; the caller
 * answers 202 either way, so the route tells no one which emails have accounts.
 */
export async function requestPasswordReset(
  em: EntityManager,
  rawEmail: string,
  mail: MailContext,
): Promise<void> {
  const email = normalizeEmail(rawEmail);
  const user = await em.findOne(User, { email, status: 'ACTIVE' });
  if (!user) return;
  const token = newSecret();
  const minutes = mail.settings.passwordResetMinutes;
  em.create(PasswordReset, {
    tokenHash: secretHash(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + minutes * 60_000),
  });
  await em.flush();
  const link = `${mail.settings.publicUrl}/sign-in?reset=${encodeURIComponent(token)}`;
  // Not awaited: the answer comes as fast whether or not the email has an account.
  void send(mail, {
    to: user.email,
    subject: 'Reset your password',
    text: `Someone asked to reset the password of your account at the resource directory and referral hub.\n\nChoose a new password here (the link works once, for ${minutes} minutes):\n${link}\n\nIf it was not you, ignore this email; your password stays as it is.`,
  }).catch(() => undefined);
}

/** Sets a new password with a reset token (once), and signs the person out everywhere. */
export async function confirmPasswordReset(
  em: EntityManager,
  request: { token: string; password: string },
): Promise<void> {
  const reset = await em.findOne(PasswordReset, { tokenHash: secretHash(request.token) });
  const refused = () =>
    new AuthRefusal(
      400,
      'RESET_INVALID',
      'This reset link is not valid or was used; ask for a new one.',
    );
  if (!reset || reset.usedAt) throw refused();
  if (reset.expiresAt <= new Date())
    throw new AuthRefusal(410, 'RESET_EXPIRED', 'This reset link has expired; ask for a new one.');
  const user = await em.findOne(User, { id: reset.userId });
  if (!user) throw refused();
  checkNewPassword(request.password, [user.email, user.displayName]);
  const passwordHash = await hashPassword(request.password);
  await em.transactional(async (tx) => {
    const claimed = await tx.execute<{ id: string }[]>(
      `update password_reset set used_at = now() where user_id = ? and used_at is null
        and (id = ? or expires_at > now()) returning id`,
      [user.id, reset.id],
    );
    if (!claimed.some((row) => row.id === reset.id)) throw refused();
    await tx.execute('update account_user set password_hash = ?, updated_at = now() where id = ?', [
      passwordHash,
      user.id,
    ]);
    await revokeUserSessions(tx, user.id);
  });
}
