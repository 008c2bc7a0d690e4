import type { Env } from '../kit/config';
import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { accountsConfig, DEFAULT_ACCOUNTS_SETTINGS, type AccountsSettings } from './config';
import { outboxMailer, smtpMailer, type Mailer } from '../kit/mailer';
import { startSessionEvents, type SessionEvents } from './sessions/session-events';
import { totpKey, type TotpSettings } from './totp/totp.service';

/** What a runner may choose: lifetimes, links, where mail goes (or a mailer in its place). */
export type AccountsOptions = Partial<AccountsSettings> & {
  mailer?: Mailer;
  /** Whether directory admins must use an authenticator app; production's default is yes. */
  totpRequiredForAdmins?: boolean;
};

export interface AccountsServices {
  settings: AccountsSettings;
  mailer: Mailer;
  totp: TotpSettings;
  /** Announces ended sessions to the gateways' caches. */
  sessionEvents: SessionEvents;
}

export function accountsOptionsFromEnv(env: Env): AccountsOptions {
  const config = accountsConfig(env);
  return {
    sessionIdleHours: config.sessionIdleHours,
    sessionMaxDays: config.sessionMaxDays,
    invitationDays: config.invitationDays,
    passwordResetMinutes: config.passwordResetMinutes,
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    mailDir: config.mailDir,
  };
}

export function startAccountsServices(
  runtime: SubgraphRuntime,
  options: AccountsOptions,
): Promise<Started<AccountsServices>> {
  const { mailer: given, totpRequiredForAdmins, ...rest } = options;
  const totp: TotpSettings = {
    key: totpKey(runtime.identitySecret),
    requiredForAdmins: totpRequiredForAdmins ?? runtime.production,
  };
  const settings: AccountsSettings = Object.freeze({ ...DEFAULT_ACCOUNTS_SETTINGS, ...rest });
  const mailer =
    given ??
    (settings.smtpUrl
      ? smtpMailer(settings.smtpUrl, settings.mailFrom)
      : outboxMailer(settings.mailDir));
  const sessionEvents = startSessionEvents(runtime);
  return Promise.resolve({
    services: { settings, mailer, totp, sessionEvents },
    stop: async () => {
      await sessionEvents.stop();
      mailer.close?.();
    },
  });
}
