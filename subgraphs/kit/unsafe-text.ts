import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import { BadUserInputError } from './errors';

/**
 * NUL, or half of a UTF-16 surrogate pair without the other half: text that Postgres refuses
 * (NUL) or that no UTF-8 column, URL or JSON document can hold faithfully (a lone surrogate).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE =
  'must not contain NUL (U+0000) or an unpaired UTF-16 surrogate (U+D800 to U+DFFF)';

export function isUnsafeText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** The path of the first unsafe string in a JSON value under `path`, or null. */
function unsafeIn(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isUnsafeText(value) ? path : null;
  // Deeper than any input of ours: graphql-js refuses it later for its shape.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unsafeIn(item, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isUnsafeText(key)) return path;
    const found = unsafeIn(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

function unsafeInLiteral(
  node: ValueNode,
  path: string,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  if (node.kind === Kind.STRING) return isUnsafeText(node.value) ? path : null;
  if (node.kind === Kind.VARIABLE) return unsafeIn(variables[node.name.value], path);
  if (node.kind === Kind.LIST) {
    for (const [i, item] of node.values.entries()) {
      const found = unsafeInLiteral(item, `${path}[${i}]`, variables);
      if (found) return found;
    }
  } else if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) {
      const found = unsafeInLiteral(field.value, `${path}.${field.name.value}`, variables);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The argument path (`input.person.contact`, `needs[2]`) of the first unsafe string an operation
 * passes to any field or directive, written in the query or sent as a variable; null when none.
 */
export function findUnsafeArgument(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
): string | null {
  let found: string | null = null;
  visit(document, {
    Argument(node) {
      found ??= unsafeInLiteral(node.value, node.name.value, variables);
      return found ? false : undefined;
    },
  });
  return found;
}

/**
 * Refuses, before anything runs, an operation whose arguments hold NUL or a lone surrogate:
 * BAD_USER_INPUT naming the argument.
 */
export function rejectUnsafeText<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, request }) {
          const path = findUnsafeArgument(document, request.variables ?? {});
          if (path) throw new BadUserInputError(UNSAFE_TEXT_MESSAGE, path);
          return Promise.resolve();
        },
      });
    },
  };
}
