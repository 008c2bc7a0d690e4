/**
 * A refusal of the sign-in routes (REST, through the gateway): an HTTP status and a stable code the
 * web app shows a message for (`INVALID_CREDENTIALS`, `PASSWORD_TOO_SHORT`, `INVITATION_EXPIRED`...).
 */
export class AuthRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const INVALID_CREDENTIALS_MESSAGE = 'The email or password is not right.';

export const invalidCredentials = () =>
  new AuthRefusal(401, 'INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
