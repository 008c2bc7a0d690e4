import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from '../subgraphs/kit/unsafe-text';

/**
 * The subgraphs' own scalars by name. The supergraph only names them, so the gateway would pass any
 * value on and leave the subgraph to refuse it; with these it refuses a bad date itself, naming the
 * argument, before planning.
 */
const SCALARS: Readonly<Record<string, GraphQLScalarType>> = {
  [GraphQLDateTimeISO.name]: GraphQLDateTimeISO,
  [GraphQLLocalDate.name]: GraphQLLocalDate,
};

export interface ArgumentProblem {
  /** The argument path: `input.person.contact`, `needs[2]`, `from`. */
  field: string;
  message: string;
}

/** What is wrong with a value of `type` at `path`: unsafe text, or a value its scalar refuses. */
function problemIn(type: GraphQLInputType, value: unknown, path: string): ArgumentProblem | null {
  if (value === null || value === undefined) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const found = problemIn(inner.ofType, item, Array.isArray(value) ? `${path}[${i}]` : path);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    const fields = inner.getFields();
    for (const [key, item] of Object.entries(value)) {
      // An unknown field is refused by validation; only the known ones have a type to check by.
      const field = fields[key] as (typeof fields)[string] | undefined;
      const found = field ? problemIn(field.type, item, `${path}.${key}`) : null;
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'string' && isUnsafeText(value))
    return { field: path, message: UNSAFE_TEXT_MESSAGE };
  const scalar = isScalarType(inner) ? SCALARS[inner.name] : undefined;
  if (scalar) {
    try {
      scalar.parseValue(value);
    } catch (error) {
      return { field: path, message: `not a valid ${scalar.name}: ${(error as Error).message}` };
    }
  }
  return null;
}

/** An argument as written in a document, with the input type the schema gives it. */
interface WrittenArgument {
  name: string;
  type: GraphQLInputType | undefined;
  value: ArgumentNode['value'];
}

/**
 * The arguments of each document, in the order the walk meets them, per schema: Apollo Server keeps
 * one parsed document per query text, so a query sent again costs no walk with type information.
 */
const argumentsOf = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, WrittenArgument[]>>();

function writtenArguments(schema: GraphQLSchema, document: DocumentNode): WrittenArgument[] {
  let bySchema = argumentsOf.get(schema);
  if (!bySchema) argumentsOf.set(schema, (bySchema = new WeakMap()));
  const known = bySchema.get(document);
  if (known) return known;
  const typeInfo = new TypeInfo(schema);
  const written: WrittenArgument[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getInputType() ?? typeInfo.getArgument()?.type;
        written.push({ name: node.name.value, type: type ?? undefined, value: node.value });
        return false;
      },
    }),
  );
  bySchema.set(document, written);
  return written;
}

/**
 * The first argument of an operation, written in the query or sent as a variable, whose text holds NUL
 * or a lone surrogate, or which a date scalar refuses; null when there is none. Values of the wrong
 * shape are left to validation and coercion, which refuse them with their own codes.
 */
export function argumentProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
): ArgumentProblem | null {
  for (const argument of writtenArguments(schema, document)) {
    if (!argument.type) continue;
    const found = problemIn(
      argument.type,
      valueFromASTUntyped(argument.value, variables),
      argument.name,
    );
    if (found) return found;
  }
  return null;
}
