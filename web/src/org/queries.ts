import { graphql, type ResultOf, type VariablesOf } from '../shared/graphql';

/** An organization's people, pending invitations and API keys (its managers and admins). */
export const OrgQuery = graphql(`
  query OrgPeople($org: ID!) {
    organization(id: $org) {
      id
      name
    }
    members(organizationId: $org) {
      id
      email
      displayName
      roles
      manager
      status
      joinedAt
    }
    invitations(organizationId: $org) {
      id
      email
      roles
      manager
      status
      createdAt
      expiresAt
    }
    apiKeys(organizationId: $org) {
      id
      name
      prefix
      scopes
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export type OrgData = ResultOf<typeof OrgQuery>;
export type Member = OrgData['members'][number];
export type Invitation = OrgData['invitations'][number];
export type ApiKey = OrgData['apiKeys'][number];

export const InviteMutation = graphql(`
  mutation OrgInvite($input: InviteUserInput!) {
    inviteUser(input: $input) {
      id
      email
      roles
      manager
      status
      createdAt
      expiresAt
    }
  }
`);

export type InviteInput = VariablesOf<typeof InviteMutation>['input'];
export type AccountRole = InviteInput['role'];

export const RevokeInvitationMutation = graphql(`
  mutation OrgRevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
      status
    }
  }
`);

export const SetRolesMutation = graphql(`
  mutation OrgSetRoles($userId: ID!, $roles: [AccountRole!]!, $manager: Boolean) {
    setMemberRoles(userId: $userId, roles: $roles, manager: $manager) {
      id
      roles
      manager
      status
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation OrgRemoveMember($userId: ID!) {
    removeMember(userId: $userId)
  }
`);

export const CreateKeyMutation = graphql(`
  mutation OrgCreateKey($org: ID!, $name: String, $scopes: [ApiKeyScope!]!) {
    createApiKey(organizationId: $org, name: $name, scopes: $scopes) {
      secret
      apiKey {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export type ApiKeyScope = VariablesOf<typeof CreateKeyMutation>['scopes'][number];

export const RevokeKeyMutation = graphql(`
  mutation OrgRevokeKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);
