import { resolve } from 'node:path';
import { z } from 'zod';
import {
  commonEnv,
  ConfigError,
  host,
  identitySecretFrom,
  loadOrCreateDevSecrets,
  optionalString,
  optionalUrl,
  parseEnv,
  port,
  type Env,
  type LogLevel,
} from '../subgraphs/kit/config';
import { projectRoot } from '../subgraphs/kit/paths';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimitSettings } from './auth-limits';
import { DEFAULT_COST_PER_POINT, type RateLimitSettings } from './limits';

/** The longest a token may live (exp − iat) when AUTH_MAX_TOKEN_HOURS does not say. */
export const DEFAULT_MAX_TOKEN_HOURS = 12;

export interface AuthConfig {
  /** HS256 shared secret (the default, and development's generated one). */
  readonly jwtSecret?: string;
  /** A real identity provider: its JWKS URL, with issuer and audience. */
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** The longest a token may live (exp − iat), in hours; 12 when not set. */
  readonly maxTokenHours?: number;
}

export interface GatewayConfig {
  readonly production: boolean;
  readonly logLevel: LogLevel;
  readonly port: number;
  /** Where `npm start` and the container listen (GATEWAY_HOST); every interface by default. */
  readonly host?: string;
  readonly supergraphPath: string;
  readonly identitySecret: string;
  readonly auth: AuthConfig;
  /** Subgraph URLs that replace those in the supergraph file, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxAliases: number;
    readonly maxCost: number;
    readonly maxTokens: number;
    readonly bodyLimitBytes: number;
  };
  readonly rateLimit: RateLimitSettings;
  readonly trustProxy: boolean;
  /** Brute-force limits of /auth/sign-in and the token routes (DEFAULT_SIGN_IN_LIMITS when unset). */
  readonly signIn?: SignInLimitSettings;
  /** Other origins whose pages may send cookie-signed requests (AUTH_ALLOWED_ORIGINS); same origin always may. */
  readonly allowedOrigins?: readonly string[];
  /** A county's identity provider for single sign-on (OIDC_*); absent: no /auth/oidc routes. */
  readonly oidc?: OidcConfig;
  /** Map tiles for Find's optional map (MAP_TILE_URL, MAP_ATTRIBUTION); absent: no map. */
  readonly map?: MapConfig;
}

export interface MapConfig {
  /** A tile URL template, e.g. `https://tiles.example.org/{z}/{x}/{y}.png`. */
  readonly tileUrl: string;
  /** The credit the tiles' licence asks for, shown on the map (plain text). */
  readonly attribution?: string;
}

/** A tile URL template: http(s), with {z}, {x} and {y}. */
const tileUrl = optionalString.pipe(
  z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/\S*$/, 'must be an http(s) URL')
    .refine((url) => ['{z}', '{x}', '{y}'].every((part) => url.includes(part)), {
      message: 'must contain {z}, {x} and {y}',
    })
    .optional(),
);

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The callback URL registered at the provider; else this gateway's own /auth/oidc/callback. */
  readonly redirectUri?: string;
}

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const schema = z.object({
  ...commonEnv,
  GATEWAY_PORT: port(4000),
  GATEWAY_HOST: host('0.0.0.0'),
  SUPERGRAPH_PATH: optionalString,
  AUTH_JWT_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  AUTH_JWKS_URL: optionalUrl,
  AUTH_ISSUER: optionalString,
  AUTH_AUDIENCE: optionalString,
  AUTH_MAX_TOKEN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(DEFAULT_MAX_TOKEN_HOURS),
  RESOURCES_URL: optionalUrl,
  REFERRALS_URL: optionalUrl,
  PEERS_URL: optionalUrl,
  ACCOUNTS_URL: optionalUrl,
  AUTH_ALLOWED_ORIGINS: optionalString,
  SIGN_IN_ACCOUNT_FAILURES: int(DEFAULT_SIGN_IN_LIMITS.accountFailures),
  SIGN_IN_ADDRESS_FAILURES: int(DEFAULT_SIGN_IN_LIMITS.addressFailures),
  SIGN_IN_WINDOW_MINUTES: int(DEFAULT_SIGN_IN_LIMITS.windowMinutes),
  SIGN_IN_LOCKOUT_MINUTES: int(DEFAULT_SIGN_IN_LIMITS.lockoutMinutes),
  MAX_DEPTH: int(10),
  MAX_ALIASES: int(15),
  MAX_COST: int(5000),
  MAX_TOKENS: int(3000),
  MAX_BODY_BYTES: int(2 * 1024 * 1024, 1024),
  RATE_LIMIT_PER_USER_PER_MINUTE: int(600),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: int(1200),
  RATE_LIMIT_COST_PER_POINT: int(DEFAULT_COST_PER_POINT),
  RATE_LIMIT_DATABASE_URL: optionalUrl,
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URI: optionalUrl,
  MAP_TILE_URL: tileUrl,
  MAP_ATTRIBUTION: optionalString,
});

export function gatewayConfig(env: Env): GatewayConfig {
  const p = parseEnv('gateway', schema, env);
  const production = p.NODE_ENV === 'production';
  const missing: string[] = [];
  const identitySecret = identitySecretFrom(p);
  if (!identitySecret) missing.push('IDENTITY_SIGNING_SECRET: required in production');
  // Issuer and audience tie a token to this deployment, whatever signs it: production needs both.
  const claims = {
    issuer: p.AUTH_ISSUER,
    audience: p.AUTH_AUDIENCE,
    maxTokenHours: p.AUTH_MAX_TOKEN_HOURS,
  };
  const keyType = p.AUTH_JWKS_URL ? 'with AUTH_JWKS_URL' : 'in production';
  if ((production || p.AUTH_JWKS_URL) && !p.AUTH_ISSUER)
    missing.push(`AUTH_ISSUER: required ${keyType}`);
  if ((production || p.AUTH_JWKS_URL) && !p.AUTH_AUDIENCE)
    missing.push(`AUTH_AUDIENCE: required ${keyType}`);
  let auth: AuthConfig;
  if (p.AUTH_JWKS_URL) {
    auth = { jwksUrl: p.AUTH_JWKS_URL, ...claims };
  } else if (p.AUTH_JWT_SECRET) {
    auth = { jwtSecret: p.AUTH_JWT_SECRET, ...claims };
  } else if (production) {
    missing.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production');
    auth = {};
  } else {
    auth = { jwtSecret: loadOrCreateDevSecrets(p.DATA_DIR).jwtSecret, ...claims };
  }
  const oidcSet = [p.OIDC_ISSUER, p.OIDC_CLIENT_ID, p.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidcSet > 0 && oidcSet < 3)
    missing.push('OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: set all three or none');
  if (missing.length) throw new ConfigError('gateway', missing);
  const oidc: OidcConfig | undefined =
    p.OIDC_ISSUER && p.OIDC_CLIENT_ID && p.OIDC_CLIENT_SECRET
      ? {
          issuer: p.OIDC_ISSUER,
          clientId: p.OIDC_CLIENT_ID,
          clientSecret: p.OIDC_CLIENT_SECRET,
          redirectUri: p.OIDC_REDIRECT_URI,
        }
      : undefined;
  const subgraphUrls: Record<string, string> = {};
  if (p.RESOURCES_URL) subgraphUrls.resources = p.RESOURCES_URL;
  if (p.REFERRALS_URL) subgraphUrls.referrals = p.REFERRALS_URL;
  if (p.PEERS_URL) subgraphUrls.peers = p.PEERS_URL;
  if (p.ACCOUNTS_URL) subgraphUrls.accounts = p.ACCOUNTS_URL;
  return Object.freeze({
    production,
    logLevel: p.LOG_LEVEL,
    port: p.GATEWAY_PORT,
    host: p.GATEWAY_HOST,
    supergraphPath: p.SUPERGRAPH_PATH ?? resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret: identitySecret!,
    auth,
    subgraphUrls,
    limits: {
      maxDepth: p.MAX_DEPTH,
      maxAliases: p.MAX_ALIASES,
      maxCost: p.MAX_COST,
      maxTokens: p.MAX_TOKENS,
      bodyLimitBytes: p.MAX_BODY_BYTES,
    },
    rateLimit: {
      perUserPerMinute: p.RATE_LIMIT_PER_USER_PER_MINUTE,
      perAddressPerMinute: p.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
      costPerPoint: p.RATE_LIMIT_COST_PER_POINT,
      databaseUrl: p.RATE_LIMIT_DATABASE_URL,
    },
    trustProxy: p.TRUST_PROXY === 'true',
    oidc,
    map: p.MAP_TILE_URL ? { tileUrl: p.MAP_TILE_URL, attribution: p.MAP_ATTRIBUTION } : undefined,
    signIn: {
      accountFailures: p.SIGN_IN_ACCOUNT_FAILURES,
      addressFailures: p.SIGN_IN_ADDRESS_FAILURES,
      windowMinutes: p.SIGN_IN_WINDOW_MINUTES,
      lockoutMinutes: p.SIGN_IN_LOCKOUT_MINUTES,
    },
    allowedOrigins: (p.AUTH_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  });
}
