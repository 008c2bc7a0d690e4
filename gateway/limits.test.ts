import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mutationFields } from './limits';

const count = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return mutationFields(operation, document);
};

describe('mutationFields', () => {
  it('counts each alias as a mutation of its own', () => {
    expect(
      count(
        'mutation { a: saveResource(resourceId: "1") { id } b: saveResource(resourceId: "2") { id } }',
      ),
    ).toBe(2);
  });

  it('counts mutations selected through fragments, once per response key', () => {
    expect(
      count(`mutation { ...F ... on Mutation { c: removeSavedFolder(folder: "x") } __typename }
        fragment F on Mutation { a: removeSavedFolder(folder: "y") b: removeSavedFolder(folder: "z") ...F }`),
    ).toBe(3);
    expect(
      count('mutation { removeSavedFolder(folder: "x") removeSavedFolder(folder: "x") }'),
    ).toBe(1);
  });

  it('a query runs no mutation', () => {
    expect(count('{ a: categories { id } b: categories { id } }')).toBe(0);
  });
});
