import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { RequestHandler } from 'express';
import { ErrorCode, errorBody, ForbiddenError } from '../subgraphs/kit/errors';

/**
 * The mutations each API-key scope allows. A key acts as a partner of its organization, so the
 * subgraphs still decide what that partner may change; a scope only narrows it further. A key may
 * read what its organization's partners read; a mutation outside its scopes is refused as a whole.
 */
export const SCOPE_MUTATIONS: Readonly<Record<string, readonly string[]>> = {
  'capacity:write': ['updateCapacity'],
  'listings:write': [
    'updateCapacity',
    'createResource',
    'updateResource',
    'setResourceStatus',
    'upsertLocation',
    'setSchedule',
    'verifyResource',
    'resolveListingReport',
    'updateOrganization',
  ],
  'referrals:answer': ['transitionReferral', 'addReferralNote'],
  'webhooks:manage': [
    'createWebhookEndpoint',
    'updateWebhookEndpoint',
    'rotateWebhookSecret',
    'deleteWebhookEndpoint',
    'redeliverWebhook',
  ],
};

/** What the plugin reads of a request's context: the API key's scopes, absent for anything else. */
export interface ScopedContext extends BaseContext {
  apiKeyScopes?: readonly string[];
}

function rootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === '__typename' ? [] : [selection.name.value];
      case Kind.INLINE_FRAGMENT:
        return rootFields(selection.selectionSet, fragments, seen);
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) return [];
        seen.add(name);
        return rootFields(fragment.selectionSet, fragments, seen);
      }
    }
  });
}

const fragmentsOf = (document: DocumentNode) =>
  new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

/** Refuses (FORBIDDEN) an API key's mutation of anything its scopes do not name. */
export function apiKeyScopes<C extends ScopedContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart({ contextValue }) {
      const scopes = contextValue.apiKeyScopes;
      if (!scopes) return Promise.resolve({});
      const allowed = new Set(scopes.flatMap((scope) => SCOPE_MUTATIONS[scope] ?? []));
      return Promise.resolve({
        didResolveOperation({ operation, document }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return Promise.resolve();
          const refused = rootFields(operation.selectionSet, fragmentsOf(document)).filter(
            (field) => !allowed.has(field),
          );
          if (refused.length)
            throw new ForbiddenError(
              `This API key's scopes (${scopes.join(', ') || 'none'}) do not allow ${refused.join(', ')}.`,
            );
          return Promise.resolve();
        },
      });
    },
  };
}

const READS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * The same rule on a REST route (FHIR): an API key reads what its organization's partners read, and
 * changes anything there only when it holds `scope` (a recipient system answering referrals needs
 * `referrals:answer`; a bed board's key does not get to accept referrals through /fhir).
 */
export function apiKeyRestScope(scope: string): RequestHandler {
  return (req, res, next) => {
    const credential = req.hubCredential;
    if (credential?.kind !== 'apiKey' || READS.includes(req.method)) return next();
    if (credential.scopes.includes(scope)) return next();
    res
      .status(403)
      .json(
        errorBody(
          `This API key's scopes (${credential.scopes.join(', ') || 'none'}) do not allow changes here; it needs ${scope}.`,
          ErrorCode.FORBIDDEN,
          req.hub?.requestId ?? '',
        ),
      );
  };
}
