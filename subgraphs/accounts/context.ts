import type { SubgraphContext } from '../kit/context';
import { AccountsAccess } from './access';
import { ApiKeyService } from './api-keys/api-key.service';
import { InvitationService } from './invitations/invitation.service';
import type { AccountsServices } from './services';
import { SignInAuditService } from './sign-in/audit.service';
import { SecondFactorService } from './totp/second-factor.service';
import { MemberService } from './users/member.service';

export interface AccountsContext extends SubgraphContext {
  members: MemberService;
  invitations: InvitationService;
  apiKeys: ApiKeyService;
  audit: SignInAuditService;
  secondFactor: SecondFactorService;
}

/** The services of one request, sharing its entity manager and the caller's membership. */
export function accountsContext(
  base: SubgraphContext,
  services: AccountsServices,
): AccountsContext {
  const { em, identity, logger } = base;
  const access = new AccountsAccess(em, identity);
  return {
    ...base,
    members: new MemberService(em, access),
    invitations: new InvitationService(em, access, { ...services, logger }),
    apiKeys: new ApiKeyService(em, access),
    audit: new SignInAuditService(em, access),
    secondFactor: new SecondFactorService(em, access, services.totp),
  };
}
