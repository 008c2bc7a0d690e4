import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../test/support/database';
import { loadOrCreateDevSecrets } from '../subgraphs/kit/config';
import { projectRoot } from '../subgraphs/kit/paths';

const dist = join(projectRoot(), 'dist', 'scripts');

describe.runIf(existsSync(join(dist, 'user.js')))('npm run user and npm run token --email', () => {
  it('creates a partner with a password from stdin, then mints a token for that real user', async () => {
    const env = {
      ...process.env,
      ACCOUNTS_DATABASE_URL: await createTestDatabase(inject('postgresUrl'), 'accounts'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-user-')),
      AUTH_JWT_SECRET: '',
    };
    const org = randomUUID();
    const created = spawnSync(
      process.execPath,
      [
        join(dist, 'user.js'),
        'create',
        '--email',
        'Ana@Example.org',
        '--role',
        'partner',
        '--org',
        org,
      ],
      { env, input: 'a long passphrase nobody guesses\n', encoding: 'utf8' },
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Created ana@example.org (partner)');

    const out = execFileSync(
      process.execPath,
      [join(dist, 'token.js'), '--email', 'ANA@example.org'],
      {
        env,
        encoding: 'utf8',
      },
    );
    const secret = new TextEncoder().encode(loadOrCreateDevSecrets(env.DATA_DIR).jwtSecret);
    const { payload } = await jwtVerify(out.trim().split('\n').at(-1)!, secret);
    expect(payload).toMatchObject({ roles: ['partner'], org });
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);

    const weak = spawnSync(
      process.execPath,
      [join(dist, 'user.js'), 'create', '--email', 'bo@example.org', '--role', 'admin'],
      { env, input: 'password\n', encoding: 'utf8' },
    );
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('PASSWORD_TOO_SHORT');
    const unknown = spawnSync(
      process.execPath,
      [join(dist, 'token.js'), '--email', 'no@example.org'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(unknown.status).toBe(2);
  }, 60_000);
});
