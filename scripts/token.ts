import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { loadOrCreateDevSecrets, optionalString, parseEnv } from '../subgraphs/kit/config';
import { ROLES } from '../subgraphs/kit/identity';

const USAGE = `npm run token -- --role <${ROLES.join('|')}> [--org <organization id>] [--peer <peer id>] [--sub <user id>] [--hours <n>]`;

/** Prints a development token, signed with AUTH_JWT_SECRET or the generated development secret. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      peer: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '12' },
    },
  });
  const env = parseEnv(
    'token',
    z.object({ DATA_DIR: z.string().default('.data'), AUTH_JWT_SECRET: optionalString }),
    process.env,
  );
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
  const hours = Number(values.hours);
  const secret = env.AUTH_JWT_SECRET ?? loadOrCreateDevSecrets(env.DATA_DIR).jwtSecret;
  const sub = values.sub ?? `dev-${roles[0]}${values.org ? `-${values.org.slice(0, 8)}` : ''}`;
  const token = await new SignJWT({ roles, org: values.org, peer: values.peer })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(`${Number.isFinite(hours) && hours > 0 ? hours : 12}h`)
    .sign(new TextEncoder().encode(secret));
  console.log(
    `# ${roles.join(',')} token for ${sub}, valid ${hours} h; send as: Authorization: Bearer <token>`,
  );
  console.log(token);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
