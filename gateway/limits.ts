import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { Request, RequestHandler } from 'express';
import {
  Kind,
  OperationTypeNode,
  TypeInfo,
  ValidationContext,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ErrorCode, errorBody, RateLimitedError } from '../subgraphs/kit/errors';
import type { Identity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { ensureDatabase } from '../subgraphs/kit/postgres';

/** One point per this much query cost (graphql-armor's measure), on top of the request's own point. */
export const DEFAULT_COST_PER_POINT = 100;

export interface RateLimitSettings {
  readonly perUserPerMinute: number;
  readonly perAddressPerMinute: number;
  /** A Postgres database the gateways share their counts in; each counts alone when unset. */
  readonly databaseUrl?: string;
  /** Query cost worth one point; DEFAULT_COST_PER_POINT when unset. */
  readonly costPerPoint?: number;
}

const WINDOW_SECONDS = 60;
/** The one table every gateway counts in (rate-limiter-flexible creates it when missing). */
export const RATE_LIMIT_TABLE = 'gateway_rate_limits';

/** Who is charged: the signed-in subject, or the address of an anonymous caller. */
export const userKey = (identity: Identity) => (identity.sub ? `user:${identity.sub}` : null);
export const addressKey = (address: string | undefined) => `ip:${address ?? 'unknown'}`;

/**
 * The store's stand-in while the shared one does not answer: each gateway counts alone in memory, so
 * requests are still limited (never refused, never a 500), and the outage is logged once a minute.
 */
class InsuranceLimiter extends RateLimiterMemory {
  private lastWarning = 0;
  constructor(
    points: number,
    private readonly logger: Logger,
    duration = WINDOW_SECONDS,
  ) {
    super({ points, duration });
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    const now = Date.now();
    if (now - this.lastWarning > WINDOW_SECONDS * 1000) {
      this.lastWarning = now;
      this.logger.warn(
        'the shared rate-limit store did not answer; this gateway counts alone until it does',
      );
    }
    return super.consume(...args);
  }
}

function postgresLimiter(
  pool: Pool,
  keyPrefix: string,
  points: number,
  logger: Logger,
  duration = WINDOW_SECONDS,
): Promise<RateLimiterAbstract> {
  return new Promise((resolve, reject) => {
    const limiter: RateLimiterAbstract = new RateLimiterPostgres(
      {
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        keyPrefix,
        points,
        duration,
        insuranceLimiter: new InsuranceLimiter(points, logger, duration),
      },
      // Called once the table exists (or could not be made): only then may requests count in it.
      (error) => (error ? reject(error) : resolve(limiter)),
    );
  });
}

export interface RateLimits {
  /** Every request, by address, before its token is checked: guessing tokens is limited too. */
  perAddressRequests: RequestHandler;
  /** Every request of a signed-in caller, by subject. */
  perUserRequests: RequestHandler;
  /**
   * Charges the work of a GraphQL operation beyond its request (mutation fields, query cost), and
   * closes the shared store's connections when the server stops.
   */
  workPlugin<C extends WorkContext>(): ApolloServerPlugin<C>;
  /**
   * A counter of another kind (sign-in failures...) in the same store: shared by every gateway when
   * the store is Postgres, this gateway's memory otherwise. `keyPrefix` must be unique.
   */
  counter: (
    keyPrefix: string,
    points: number,
    durationSeconds: number,
  ) => Promise<RateLimiterAbstract>;
}

/** Makes the counters of RateLimits.counter. */
export type CounterFactory = RateLimits['counter'];

/** What the work plugin needs of a request's context. */
export interface WorkContext {
  identity: Identity;
  /** The caller's address as the gateway sees it (`req.ip`). */
  address?: string;
}

/** Caller's address for an Express request (behind TRUST_PROXY, the forwarded one). */
export const requestAddress = (req: Request) => req.ip;

/**
 * The gateway's rate limits. Points are counted per minute, per signed-in subject and per address:
 * 1 per request, plus for a GraphQL operation 1 per mutation field it selects (aliases are separate
 * mutations) and 1 per `costPerPoint` of its query cost, charged to the caller (subject, or address
 * when anonymous) before anything executes.
 *
 * With `databaseUrl` every gateway counts in one Postgres table, so two gateways allow the rate once,
 * not twice; while that database does not answer, each falls back to counting in its own memory.
 */
export async function createRateLimits(
  settings: RateLimitSettings,
  options: { logger: Logger; production: boolean },
): Promise<RateLimits> {
  const { logger } = options;
  let pool: Pool | undefined;
  let perUser: RateLimiterAbstract;
  let perAddress: RateLimiterAbstract;
  if (settings.databaseUrl) {
    await ensureDatabase(settings.databaseUrl);
    pool = new Pool({
      connectionString: settings.databaseUrl,
      max: 10,
      // A store that hangs must not hold requests: past these, the insurance limiter answers.
      connectionTimeoutMillis: 2000,
      query_timeout: 2000,
    });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    pool.on('error', (error: Error & { code?: string }) =>
      logger.warn({ code: error.code }, 'rate-limit store connection lost'),
    );
    try {
      perUser = await postgresLimiter(pool, 'user', settings.perUserPerMinute, logger);
      perAddress = await postgresLimiter(pool, 'address', settings.perAddressPerMinute, logger);
    } catch (error) {
      await pool.end();
      throw error;
    }
    logger.info('rate limits counted in Postgres, shared by every gateway on it');
  } else {
    perUser = new RateLimiterMemory({
      points: settings.perUserPerMinute,
      duration: WINDOW_SECONDS,
    });
    perAddress = new RateLimiterMemory({
      points: settings.perAddressPerMinute,
      duration: WINDOW_SECONDS,
    });
  }

  const costPerPoint = settings.costPerPoint ?? DEFAULT_COST_PER_POINT;
  const costOf = operationCost(options.production);

  const requests =
    (limiter: RateLimiterAbstract, keyOf: (req: Request) => string | null): RequestHandler =>
    async (req, res, next) => {
      try {
        const key = keyOf(req);
        if (key) await limiter.consume(key);
      } catch (error) {
        const seconds = retryAfter(error);
        if (seconds === null) return next(error);
        res.setHeader('Retry-After', String(seconds));
        res
          .status(429)
          .json(
            errorBody(
              new RateLimitedError(seconds).message,
              ErrorCode.RATE_LIMITED,
              req.hub?.requestId ?? '',
              { retryAfterSeconds: seconds },
            ),
          );
        return;
      }
      // Outside the try: an error further down is not this limiter's to answer.
      next();
    };

  const workPlugin = <C extends WorkContext>(): ApolloServerPlugin<C> => ({
    serverWillStart() {
      return Promise.resolve({
        async serverWillStop() {
          await pool?.end();
        },
      });
    },
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation, document, schema, contextValue, response }) {
          if (!operation) return;
          const points =
            mutationFields(operation, document) +
            Math.floor(costOf(schema, document, operation) / costPerPoint);
          if (points === 0) return;
          const user = userKey(contextValue.identity);
          try {
            if (user) await perUser.consume(user, points);
            else await perAddress.consume(addressKey(contextValue.address), points);
          } catch (error) {
            const seconds = retryAfter(error);
            if (seconds === null) throw error;
            response.http.headers.set('retry-after', String(seconds));
            // Thrown before execution: none of the operation's mutations run.
            throw new RateLimitedError(seconds);
          }
        },
      });
    },
  });

  const counter: CounterFactory = (keyPrefix, points, durationSeconds) =>
    pool
      ? postgresLimiter(pool, keyPrefix, points, logger, durationSeconds)
      : Promise.resolve(new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }));

  return {
    perAddressRequests: requests(perAddress, (req) => addressKey(requestAddress(req))),
    perUserRequests: requests(perUser, (req) => (req.hub ? userKey(req.hub.identity) : null)),
    workPlugin,
    counter,
  };
}

/** Seconds until a refused caller may try again, or null when `error` is not a refusal. */
function retryAfter(error: unknown): number | null {
  if (!(error instanceof RateLimiterRes)) return null;
  return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
}

/**
 * How many mutations an operation runs: its root fields by response key, through fragments, so
 * `a: createX b: createX` is two. Queries run none.
 */
export function mutationFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  if (operation.operation !== OperationTypeNode.MUTATION) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  const keys = new Set<string>();
  const seen = new Set<string>();
  const visit = (selections: SelectionSetNode) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename')
          keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return keys.size;
}

/**
 * An operation's query cost exactly as graphql-armor's cost limit measured it when the gateway
 * validated the operation (same rule, same settings), kept per parsed operation: Apollo reuses the
 * parsed document of a query it has seen, so a repeated query is measured once.
 */
function operationCost(production: boolean) {
  const costs = new WeakMap<OperationDefinitionNode, number>();
  return (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) => {
    const known = costs.get(operation);
    if (known !== undefined) return known;
    let cost = 0;
    const context = new ValidationContext(schema, document, new TypeInfo(schema), () => {});
    costLimitRule({
      // Whatever exceeds maxCost was refused in validation; measure, never refuse, here.
      maxCost: Number.MAX_SAFE_INTEGER,
      ignoreIntrospection: !production,
      onAccept: [(_context, details: { n: number }) => void (cost = details.n)],
    })(context).onOperationDefinitionEnter(operation);
    costs.set(operation, cost);
    return cost;
  };
}
