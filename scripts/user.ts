import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { isEmail, normalizeEmail } from '../subgraphs/accounts/users/email';
import {
  hashPassword,
  passwordProblem,
  PASSWORD_PROBLEM_MESSAGES,
} from '../subgraphs/accounts/users/password';
import { Membership, User } from '../subgraphs/accounts/users/user.entity';
import { ConfigError } from '../subgraphs/kit/config';
import { isUuid } from '../subgraphs/kit/ids';
import { ROLES, type Role } from '../subgraphs/kit/identity';
import { openLocalDatabase } from './local-database';

const USAGE = `npm run user -- create --email <email> --role <${ROLES.join('|')}> [--org <organization id>] [--peer <peer id>] [--manager] [--name "<display name>"]
  The password is read from standard input when it is not a terminal (echo "$PASSWORD" | npm run user -- create ...);
  otherwise a random one is made and printed once.`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/**
 * `npm run user -- create`: an account with its membership, straight into the accounts database as
 * the services find it (production's first admin, who then invites everyone else).
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      peer: { type: 'string' },
      manager: { type: 'boolean', default: false },
      name: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') fail('Say what to do: create.');
  if (!values.email || !isEmail(values.email)) fail('Give --email <a valid email address>.');
  const roles = values.role ?? [];
  if (!roles.length || roles.some((r) => !(ROLES as readonly string[]).includes(r)))
    fail(`Give --role, one of ${ROLES.join(', ')}.`);
  const needsOrg = roles.some((r) => r !== 'admin');
  if (needsOrg && !isUuid(values.org)) fail('Give --org <the organization id> for this role.');
  if (values.org !== undefined && !isUuid(values.org)) fail('--org is not an organization id.');
  if (roles.includes('peer') && !isUuid(values.peer)) fail('A peer needs --peer <peer id>.');
  const email = normalizeEmail(values.email);
  let password: string;
  let generated = false;
  if (process.stdin.isTTY) {
    password = randomBytes(18).toString('base64url');
    generated = true;
  } else {
    password = (await text(process.stdin)).replace(/\r?\n$/, '');
  }
  const problem = passwordProblem(password, [email, values.name ?? '']);
  if (problem) fail(`${problem}: ${PASSWORD_PROBLEM_MESSAGES[problem]}`);

  // Creating the first admin may come before the first `npm start`: a new database is fine here.
  const db = await openLocalDatabase('accounts', process.env, { whenMissing: 'create' });
  try {
    const em = db.orm.em.fork();
    if (await em.findOne(User, { email })) fail(`${email} already has an account.`);
    const passwordHash = await hashPassword(password);
    await em.transactional((tx) => {
      const user = tx.create(User, {
        email,
        displayName: values.name?.trim() || email.split('@')[0],
        passwordHash,
      });
      tx.create(Membership, {
        userId: user.id,
        organizationId: values.org ?? null,
        roles: roles as Role[],
        manager: values.manager ?? false,
        peerId: values.peer ?? null,
      });
      return Promise.resolve();
    });
    console.log(`Created ${email} (${roles.join(', ')}) in ${db.where}.`);
    if (generated) console.log(`Password (shown once; sign in and keep it safe): ${password}`);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
