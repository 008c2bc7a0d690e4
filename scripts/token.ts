import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { loadOrCreateDevSecrets, optionalString, parseEnv } from '../subgraphs/kit/config';
import { ROLES } from '../subgraphs/kit/identity';
import { DEFAULT_MAX_TOKEN_HOURS } from '../gateway/config';

const USAGE = `npm run token -- --role <${ROLES.join('|')}> [--org <organization id>] [--peer <peer id>] [--sub <user id>] [--hours <n>]
npm run token -- --email <a user's email> [--hours <n>]`;

/**
 * The subject of a development token names the whole identity it stands for (roles, organization and
 * peer, each in full), because ownership is decided by subject: two peers, or two organizations whose
 * ids start alike, must never share one.
 */
function devSubject(roles: readonly string[], org?: string, peer?: string): string {
  const part = (name: string, value?: string) =>
    value === undefined ? '' : `:${name}=${encodeURIComponent(value)}`;
  return `dev:${[...new Set(roles)].sort().join('+')}${part('org', org)}${part('peer', peer)}`;
}

/** Prints a development token, signed with AUTH_JWT_SECRET or the generated development secret. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      peer: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const env = parseEnv(
    'token',
    z.object({
      DATA_DIR: z.string().default('.data'),
      AUTH_JWT_SECRET: optionalString,
      AUTH_ISSUER: optionalString,
      AUTH_AUDIENCE: optionalString,
      AUTH_MAX_TOKEN_HOURS: z.coerce.number().positive().default(DEFAULT_MAX_TOKEN_HOURS),
    }),
    process.env,
  );
  if (values.email !== undefined) {
    if (values.role || values.org || values.peer || values.sub) {
      console.error(`--email takes the user's own roles, organization and peer.\n${USAGE}`);
      process.exit(2);
    }
    // A real person: their id as subject, their membership's roles, organization and peer.
    // Loaded only here: the database client and ORM would slow every other token.
    const { identityOfEmail } = await import('./accounts-cli.js');
    const identity = await identityOfEmail(values.email);
    if (!identity) {
      console.error(`No member has the email ${values.email}.`);
      process.exit(2);
    }
    Object.assign(values, {
      role: identity.roles,
      org: identity.org ?? undefined,
      peer: identity.peer ?? undefined,
      sub: identity.sub ?? undefined,
    });
  }
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length) {
    console.error(unknown.length ? `Unknown role ${unknown.join(', ')}.\n${USAGE}` : USAGE);
    process.exit(2);
  }
  if (roles.includes('partner') && !values.org) {
    console.error(`A partner token needs --org <organization id>.\n${USAGE}`);
    process.exit(2);
  }
  const hours = values.hours === undefined ? env.AUTH_MAX_TOKEN_HOURS : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > env.AUTH_MAX_TOKEN_HOURS) {
    console.error(
      `--hours must be more than 0 and at most ${env.AUTH_MAX_TOKEN_HOURS} (AUTH_MAX_TOKEN_HOURS).\n${USAGE}`,
    );
    process.exit(2);
  }
  const secret = env.AUTH_JWT_SECRET ?? loadOrCreateDevSecrets(env.DATA_DIR).jwtSecret;
  const sub = values.sub ?? devSubject(roles, values.org, values.peer);
  let jwt = new SignJWT({ roles, org: values.org, peer: values.peer })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`);
  if (env.AUTH_ISSUER) jwt = jwt.setIssuer(env.AUTH_ISSUER);
  if (env.AUTH_AUDIENCE) jwt = jwt.setAudience(env.AUTH_AUDIENCE);
  const token = await jwt.sign(new TextEncoder().encode(secret));
  console.log(
    `# ${roles.join(',')} token for ${sub}, valid ${hours} h; send as: Authorization: Bearer <token>`,
  );
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
