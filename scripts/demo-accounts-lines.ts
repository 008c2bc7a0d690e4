import { DEMO_PASSWORD, demoAccounts } from '../seed/demo-accounts';
import { User } from '../subgraphs/accounts/users/user.entity';
import type { MikroORM } from '../subgraphs/kit/orm';

/** What `npm start` prints about the demo accounts that exist, for signing in (development only). */
export async function demoAccountLines(orm: MikroORM | undefined, port: number): Promise<string> {
  if (!orm) return '';
  const accounts = demoAccounts();
  const present = new Set(
    (await orm.em.fork().find(User, { email: { $in: accounts.map((a) => a.email) } })).map(
      (u) => u.email,
    ),
  );
  const lines = accounts
    .filter((a) => present.has(a.email))
    .map(
      (a) =>
        `  ${a.email.padEnd(26)} ${a.roles.join(',')}${a.manager ? ' (manager)' : ''}${a.organizationName ? `, ${a.organizationName}` : ''}`,
    );
  if (!lines.length) return '';
  return `Demo accounts (development password: "${DEMO_PASSWORD}"):
${lines.join('\n')}
  Sign in: curl -i http://localhost:${port}/auth/sign-in -H 'content-type: application/json' -H 'x-hub-csrf: 1' \\
    -d '{"email":"partner@demo.example.org","password":"${DEMO_PASSWORD}"}'
  Mail that would have been sent (invitations, resets): http://localhost:${port}/dev/mail

`;
}
