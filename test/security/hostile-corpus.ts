import {
  astFromValue,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import {
  ENUM_VALUES,
  HSDS_ENDPOINTS,
  HSDS_ID_VALUES,
  HSDS_OTHER,
  HSDS_PARAM_SHAPES,
  HSDS_PARAM_VALUES,
  listValues,
  NULL_VALUE,
  OBJECT_VALUES,
  OPERATION_CASES,
  SCALAR_VALUES,
  VALID_BY_NAME,
  type Hostile,
} from './hostile-values';

/** Who sends a case: a token with these roles, or none. */
export type Caller = 'anonymous' | 'peer' | 'discharge_planner' | 'partner' | 'admin';

export interface GraphQLCase {
  kind: 'graphql';
  /** What it aims at: `Query.referralStats(from)`, `Mutation.createReferral(input.person.contact)`. */
  target: string;
  /** The root field and argument it covers, `Query.referralStats(from)`; none for whole requests. */
  argument?: string;
  label: string;
  caller: Caller;
  /** The request body as a JSON value. */
  body: unknown;
}

export interface HsdsCase {
  kind: 'hsds';
  /** `/services?search`, `/services/{id}`... */
  target: string;
  label: string;
  caller: Caller;
  method: string;
  /** Under /hsds, with its query string, percent-encoded. */
  path: string;
}

export type HostileCase = GraphQLCase | HsdsCase;

/** Real ids for arguments that must name something for the case to get far (a listing...). */
export interface KnownIds {
  resource: string;
  location: string;
  organization: string;
  other: string;
}

/** Who sends the n-th case: mostly admins, who get furthest, and every other role in turn. */
const CALLERS: Caller[] = [
  'admin',
  'partner',
  'admin',
  'discharge_planner',
  'peer',
  'admin',
  'anonymous',
];
const callerOf = (n: number) => CALLERS[n % CALLERS.length];

/** How deep into nested inputs the corpus goes (no input type of ours nests deeper). */
const MAX_DEPTH = 5;

type PathPart = string | number;

interface Target {
  path: PathPart[];
  type: GraphQLInputType;
}

/**
 * Builds the corpus: for each argument of each Query and Mutation field of the supergraph, and each
 * field inside its input objects, every hostile value its type gets (as a variable, and for some
 * strings also written in the query), the other arguments valid; then every `/hsds` parameter and
 * path id with every hostile value; then the malformed requests. Deterministic for a schema.
 */
export function buildHostileCorpus(supergraphSdl: string, ids: KnownIds): HostileCase[] {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const cases: HostileCase[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      for (const arg of field.args) {
        const argument = `${root.name}.${field.name}(${arg.name})`;
        for (const target of targets(arg.type, [arg.name], 0)) {
          const nested = target.path.length > 1;
          for (const hostile of valuesFor(target.type, ids, target.path)) {
            if (nested && !hostile.core) continue;
            const value = withValueAt(arg.type, target.path.slice(1), hostile.value, ids, arg.name);
            const base = {
              kind: 'graphql' as const,
              target: `${root.name}.${field.name}(${formatPath(target.path)})`,
              argument,
              label: hostile.label,
            };
            cases.push({
              ...base,
              caller: callerOf(cases.length),
              body: request(root, field, arg, value, ids, false),
            });
            if (hostile.literal && !nested) {
              cases.push({
                ...base,
                label: `${hostile.label} (in the query text)`,
                caller: callerOf(cases.length),
                body: request(root, field, arg, value, ids, true),
              });
            }
          }
        }
      }
    }
  }
  for (const [n, c] of OPERATION_CASES.entries()) {
    cases.push({
      kind: 'graphql',
      target: 'request',
      label: c.label,
      caller: callerOf(n),
      body: c.body,
    });
  }
  cases.push(...hsdsCases(cases.length));
  return cases;
}

/** Every root-field argument of the supergraph, as `Query.field(arg)`. */
export function rootArguments(supergraphSdl: string): string[] {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  return [schema.getQueryType(), schema.getMutationType()].flatMap((root) =>
    root
      ? Object.values(root.getFields()).flatMap((f) =>
          f.args.map((a) => `${root.name}.${f.name}(${a.name})`),
        )
      : [],
  );
}

function* targets(type: GraphQLInputType, path: PathPart[], depth: number): Generator<Target> {
  yield { path, type };
  if (depth >= MAX_DEPTH) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    yield* targets(inner.ofType, [...path, 0], depth + 1);
  } else if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields()))
      yield* targets(field.type, [...path, field.name], depth + 1);
  }
}

function valuesFor(type: GraphQLInputType, ids: KnownIds, path: PathPart[]): Hostile[] {
  const values: Hostile[] = isNonNullType(type) ? [NULL_VALUE] : [];
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    values.push(...listValues(validValue(inner.ofType, ids, lastName(path))));
  } else if (isInputObjectType(inner)) {
    values.push(...OBJECT_VALUES);
  } else if (isEnumType(inner)) {
    values.push(...ENUM_VALUES);
  } else if (isScalarType(inner)) {
    const table = SCALAR_VALUES[inner.name];
    if (!table) throw new Error(`No hostile values for the scalar ${inner.name}: add them`);
    values.push(...table);
  }
  return values;
}

function lastName(path: PathPart[]): string {
  return String([...path].reverse().find((p) => typeof p === 'string') ?? '');
}

/** `input.person.contact`, `needs[0]`. */
function formatPath(path: PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/** A valid value of the type, with `hostile` at `path` inside it. */
function withValueAt(
  type: GraphQLInputType,
  path: PathPart[],
  hostile: unknown,
  ids: KnownIds,
  name: string,
): unknown {
  if (path.length === 0) return hostile;
  const inner = isNonNullType(type) ? type.ofType : type;
  const [head, ...rest] = path;
  if (isListType(inner)) return [withValueAt(inner.ofType, rest, hostile, ids, name)];
  if (!isInputObjectType(inner)) throw new Error(`cannot go into ${inner.toString()}`);
  const field = inner.getFields()[String(head)];
  const base = validValue(inner, ids, name) as Record<string, unknown>;
  return { ...base, [head]: withValueAt(field.type, rest, hostile, ids, String(head)) };
}

/** A minimal valid value: the known good value by name, or the required fields filled in. */
function validValue(type: GraphQLInputType, ids: KnownIds, name: string, depth = 0): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  const named = getNamedType(inner);
  if (name in VALID_BY_NAME && (isLeafType(named) || isListType(inner))) return VALID_BY_NAME[name];
  if (isListType(inner)) return [validValue(inner.ofType, ids, name, depth + 1)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    if (depth > MAX_DEPTH) return value;
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        value[field.name] = validValue(field.type, ids, field.name, depth + 1);
    }
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0].name;
  switch (named.name) {
    case 'ID':
      return idFor(name, ids);
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return '2026-01-01T00:00:00Z';
    case 'LocalDate':
      return '2026-01-01';
    case 'JSON':
      return {};
    default:
      return 'x';
  }
}

function idFor(name: string, ids: KnownIds): string {
  if (/^(location)/i.test(name)) return ids.location;
  if (/^(org|organization)/i.test(name)) return ids.organization;
  if (/^(resource|id$)/i.test(name)) return ids.resource;
  return ids.other;
}

/** `{ field(args) { id } }` with every required argument valid and `value` for `target`. */
function request(
  root: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  target: GraphQLArgument,
  value: unknown,
  ids: KnownIds,
  literal: boolean,
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const isTarget = arg === target;
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!isTarget && !required) continue;
    const argValue = isTarget ? value : validValue(arg.type, ids, idName(field.name, arg.name));
    if (isTarget && literal) {
      const ast = astFromValue(argValue, arg.type);
      if (ast) {
        args.push(`${arg.name}: ${print(ast)}`);
        continue;
      }
    }
    declarations.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = argValue;
  }
  const operation = root.name === 'Mutation' ? 'mutation' : 'query';
  const header = declarations.length ? `(${declarations.join(', ')})` : '';
  const query = `${operation} Hostile${header} { ${field.name}(${args.join(', ')})${selection(field)} }`;
  return { query, variables };
}

/** `id` on a root field named for what it returns (location(id), setSchedule(locationId)...). */
function idName(fieldName: string, argName: string): string {
  if (argName !== 'id') return argName;
  if (/location/i.test(fieldName)) return 'locationId';
  if (/organization/i.test(fieldName)) return 'organizationId';
  if (/resource/i.test(fieldName)) return 'resourceId';
  return 'otherId';
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return isLeafType(named) ? '' : ' { __typename }';
  const scalar = Object.values(named.getFields()).find(
    (f) => f.args.length === 0 && isLeafType(getNamedType(f.type)),
  );
  return ` { ${scalar?.name ?? '__typename'} }`;
}

function hsdsCases(offset: number): HsdsCase[] {
  const cases: HsdsCase[] = [];
  const push = (c: Omit<HsdsCase, 'kind' | 'caller'>) =>
    cases.push({ kind: 'hsds', caller: callerOf(offset + cases.length), ...c });
  const sampleId = '1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d';
  for (const endpoint of HSDS_ENDPOINTS) {
    const path = endpoint.path.replace('{id}', sampleId);
    for (const param of endpoint.params) {
      for (const hostile of HSDS_PARAM_VALUES.filter((v) => v.core))
        push({
          target: `${endpoint.path}?${param}`,
          label: hostile.label,
          method: 'GET',
          path: `${path}?${param}=${String(hostile.value)}`,
        });
      for (const shape of HSDS_PARAM_SHAPES.filter((v) => v.core))
        push({
          target: `${endpoint.path}?${param}`,
          label: shape.label,
          method: 'GET',
          path: `${path}?${String(shape.value).replaceAll('name', param)}`,
        });
    }
    if (endpoint.path.includes('{id}')) {
      for (const hostile of HSDS_ID_VALUES)
        push({
          target: endpoint.path,
          label: hostile.label,
          method: 'GET',
          path: endpoint.path.replace('{id}', String(hostile.value)),
        });
    }
  }
  for (const other of HSDS_OTHER) push({ target: 'other', ...other });
  return cases;
}
