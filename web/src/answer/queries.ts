import { graphql, type ResultOf, type VariablesOf } from '../shared/graphql';

/**
 * The referrals an organization is working on: each one's wait, discharge and who (if consented).
 * 50 a page: the gateway's query cost counts every node asked for (100 of these go over it).
 */
export const InboxQuery = graphql(`
  query AnswerInbox($org: ID!, $after: String) {
    organization(id: $org) {
      id
      name
      referralInbox(
        first: 50
        after: $after
        order: OLDEST_FIRST
        filter: { status: [REQUESTED, ACCEPTED, IN_PROGRESS, ON_HOLD] }
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          needs
          id
          status
          urgency
          setting
          requestedAt
          respondBy
          overdue
          createdAt
          updatedAt
          expectedDischargeAt
          personDisclosed
          person {
            displayName
          }
          resource {
            name
          }
        }
      }
    }
  }
`);

export type InboxReferral = NonNullable<
  ResultOf<typeof InboxQuery>['organization']
>['referralInbox']['nodes'][number];

const REFERRAL_FIELDS = graphql(`
  fragment AnswerReferral on Referral @_unmask {
    id
    version
    status
    statusReasonCode
    urgency
    setting
    requestedAt
    updatedAt
    expectedDischargeAt
    doNotContact
    needs
    personDisclosed
    person {
      displayName
      preferredLanguage
      contactMethod
      contact
      contactAllowed
      redisclosureNotice
    }
    consents {
      id
      information
      purpose
      expiresAt
      status
    }
    history {
      id
      kind
      at
      actor
      actorRole
      from
      to
      reasonCode
    }
    outcome {
      code
      recordedAt
    }
    allowedTransitions
    resource {
      name
    }
  }
`);

/** One referral as the receiving organization may see it: never more than its consent allows. */
export const ReferralQuery = graphql(
  `
    query AnswerReferral($id: ID!) {
      referral(id: $id) {
        ...AnswerReferral
      }
    }
  `,
  [REFERRAL_FIELDS],
);

export type AnswerReferral = ResultOf<typeof ReferralQuery>['referral'];
export type ReferralStatus = AnswerReferral['status'];

export const TransitionMutation = graphql(
  `
    mutation AnswerTransition(
      $id: ID!
      $to: ReferralStatus!
      $expectedVersion: Int!
      $reasonCode: ReferralReasonCode
      $reason: String
      $outcome: ReferralOutcomeInput
    ) {
      transitionReferral(
        id: $id
        to: $to
        expectedVersion: $expectedVersion
        reasonCode: $reasonCode
        reason: $reason
        outcome: $outcome
      ) {
        ...AnswerReferral
      }
    }
  `,
  [REFERRAL_FIELDS],
);

export type TransitionVariables = VariablesOf<typeof TransitionMutation>;
export type ReasonCode = NonNullable<TransitionVariables['reasonCode']>;
export type OutcomeCode = NonNullable<TransitionVariables['outcome']>['code'];

/** The organization's listings: beds, verification and open field reports, in one screen. */
export const ListingsQuery = graphql(`
  query AnswerListings($org: ID!) {
    organization(id: $org) {
      id
      resources {
        id
        name
        version
        listed
        stale
        lastVerifiedAt
        sites {
          location {
            id
            name
          }
          capacity {
            unit
            available
            maximum
            updatedAt
          }
        }
        openReports {
          id
          kind
          message
          createdAt
          location {
            name
          }
        }
      }
    }
  }
`);

export type OrgListing = NonNullable<
  ResultOf<typeof ListingsQuery>['organization']
>['resources'][number];

export const UpdateCapacityMutation = graphql(`
  mutation AnswerUpdateCapacity($id: ID!, $locationId: ID, $input: CapacityInput!) {
    updateCapacity(id: $id, locationId: $locationId, input: $input) {
      id
      version
      sites {
        location {
          id
          name
        }
        capacity {
          unit
          available
          maximum
          updatedAt
        }
      }
    }
  }
`);

export const VerifyMutation = graphql(`
  mutation AnswerVerify($id: ID!, $expectedVersion: Int) {
    verifyResource(id: $id, expectedVersion: $expectedVersion) {
      id
      version
      stale
      lastVerifiedAt
    }
  }
`);

export const ResolveReportMutation = graphql(`
  mutation AnswerResolveReport($id: ID!, $resolution: String) {
    resolveListingReport(id: $id, resolution: $resolution) {
      id
      status
    }
  }
`);

const LISTING_EDIT_FIELDS = graphql(`
  fragment AnswerListingEdit on Resource @_unmask {
    id
    version
    description
    eligibilityDescription
    languages
    locations {
      id
      name
      version
      schedule {
        weekly {
          day
          opensAt
          closesAt
        }
        closures {
          date
          opensAt
          closesAt
          note
        }
      }
    }
  }
`);

/** What a partner edits of a listing, as it is saved now (also: what someone else saved first). */
export const ListingEditQuery = graphql(
  `
    query AnswerListingEdit($id: ID!) {
      resource(id: $id) {
        ...AnswerListingEdit
      }
    }
  `,
  [LISTING_EDIT_FIELDS],
);

export type EditableListing = ResultOf<typeof ListingEditQuery>['resource'];

/** Names, in English and Spanish, for the languages a partner may tick. */
export const LanguageNamesQuery = graphql(`
  query AnswerLanguageNames($codes: [String!]!) {
    languages(codes: $codes) {
      code
      name
      nameEs
    }
  }
`);

export const UpdateListingMutation = graphql(
  `
    mutation AnswerUpdateListing($id: ID!, $expectedVersion: Int!, $input: UpdateResourceInput!) {
      updateResource(id: $id, expectedVersion: $expectedVersion, input: $input) {
        ...AnswerListingEdit
      }
    }
  `,
  [LISTING_EDIT_FIELDS],
);

export const SetScheduleMutation = graphql(`
  mutation AnswerSetSchedule($locationId: ID!, $expectedVersion: Int!, $schedule: ScheduleInput!) {
    setSchedule(locationId: $locationId, expectedVersion: $expectedVersion, schedule: $schedule) {
      id
      version
    }
  }
`);
