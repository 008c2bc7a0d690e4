import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AccountsContext } from '../context';
import { SignInAttempt } from '../sign-in/sign-in-attempt.entity';
import {
  ApiKeyScope,
  ApiKeyView,
  CreatedApiKey,
  InvitationView,
  InviteUserInput,
  Me,
  Member,
} from './account.types';
import { AccountRole } from './roles';

@Resolver()
export class AccountResolver {
  @Query(() => Me, { nullable: true, description: 'Who is calling; null when anonymous.' })
  me(@Ctx() ctx: AccountsContext): Promise<Me | null> {
    return ctx.members.me(ctx.identity);
  }

  @Query(() => [Member], {
    description: "An organization's people (its managers and directory admins).",
  })
  members(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<Member[]> {
    return ctx.members.members(organizationId);
  }

  @Query(() => [InvitationView], {
    description: "An organization's invitations, newest first (its managers and admins).",
  })
  invitations(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<InvitationView[]> {
    return ctx.invitations.list(organizationId);
  }

  @Query(() => [ApiKeyView], {
    description:
      "An organization's API keys, with when each was last used (its managers and admins).",
  })
  apiKeys(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<ApiKeyView[]> {
    return ctx.apiKeys.list(organizationId);
  }

  @Query(() => [SignInAttempt], {
    description: 'Sign-in attempts, newest first (directory admins). Filter by email or user.',
  })
  signInAttempts(
    @Ctx() ctx: AccountsContext,
    @Arg('email', () => String, { nullable: true }) email?: string | null,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 200; 50 when omitted.' })
    first?: number | null,
  ): Promise<SignInAttempt[]> {
    return ctx.audit.attempts({ email, userId, first });
  }

  @Mutation(() => InvitationView, {
    description:
      'Invites a person by email (the link is mailed). Admins: any organization and role; managers: their own organization, not admin.',
  })
  inviteUser(
    @Arg('input', () => InviteUserInput) input: InviteUserInput,
    @Ctx() ctx: AccountsContext,
  ): Promise<InvitationView> {
    return ctx.invitations.invite(input);
  }

  @Mutation(() => InvitationView, { description: 'Revokes an invitation not yet accepted.' })
  revokeInvitation(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<InvitationView> {
    return ctx.invitations.revoke(id);
  }

  @Mutation(() => Member, {
    description: "Sets a member's roles (and manager flag); takes effect on their next request.",
  })
  setMemberRoles(
    @Arg('userId', () => ID) userId: string,
    @Arg('roles', () => [AccountRole]) roles: AccountRole[],
    @Ctx() ctx: AccountsContext,
    @Arg('manager', () => Boolean, { nullable: true }) manager?: boolean | null,
  ): Promise<Member> {
    return ctx.members.setMemberRoles(userId, roles, manager);
  }

  @Mutation(() => Boolean, {
    description: 'Removes a person from their organization and ends all their sessions at once.',
  })
  removeMember(
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<boolean> {
    return ctx.members.removeMember(userId);
  }

  @Mutation(() => [String], {
    description:
      'New recovery codes for your authenticator app, shown this once; the old ones stop working. Send a current code from the app.',
  })
  regenerateRecoveryCodes(
    @Arg('code', () => String) code: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<string[]> {
    return ctx.secondFactor.regenerateRecoveryCodes(code);
  }

  @Mutation(() => Boolean, {
    description:
      "Removes a person's authenticator app and recovery codes and ends their sessions (directory admins; audited).",
  })
  resetSecondFactor(
    @Arg('userId', () => ID) userId: string,
    @Ctx() ctx: AccountsContext,
  ): Promise<boolean> {
    return ctx.secondFactor.resetSecondFactor(userId);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'A key for a partner system; the secret is in this answer only.',
  })
  createApiKey(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('scopes', () => [ApiKeyScope]) scopes: ApiKeyScope[],
    @Ctx() ctx: AccountsContext,
    @Arg('name', () => String, { nullable: true }) name?: string | null,
  ): Promise<CreatedApiKey> {
    return ctx.apiKeys.create(organizationId, scopes, name);
  }

  @Mutation(() => ApiKeyView, { description: 'Revokes a key; it stops working at once.' })
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: AccountsContext): Promise<ApiKeyView> {
    return ctx.apiKeys.revoke(id);
  }
}
