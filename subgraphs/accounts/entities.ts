import { ApiKey } from './api-keys/api-key.entity';
import { Invitation, PasswordReset } from './invitations/invitation.entity';
import { Session } from './sessions/session.entity';
import { SignInAttempt } from './sign-in/sign-in-attempt.entity';
import { TotpFactor } from './totp/totp.entity';
import { Membership, User } from './users/user.entity';

export const ENTITIES = [
  User,
  Membership,
  Session,
  SignInAttempt,
  Invitation,
  PasswordReset,
  ApiKey,
  TotpFactor,
];
