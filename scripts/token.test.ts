import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDevSecrets } from '../subgraphs/kit/config';
import { projectRoot } from '../subgraphs/kit/paths';

const script = join(projectRoot(), 'dist', 'scripts', 'token.js');

describe.runIf(existsSync(script))('npm run token', () => {
  it('prints, as its last line, a token the development secret verifies', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-token-'));
    const out = execFileSync(process.execPath, [script, '--role', 'partner', '--org', 'org-42'], {
      env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: '' },
      encoding: 'utf8',
    });
    const token = out.trim().split('\n').at(-1)!;
    const { payload } = await jwtVerify(
      token,
      new TextEncoder().encode(loadOrCreateDevSecrets(dataDir).jwtSecret),
    );
    expect(payload).toMatchObject({ roles: ['partner'], org: 'org-42' });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  /** The claims of the token the script prints for these arguments, verified with its secret. */
  async function claims(args: string[], env: Record<string, string> = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-token-'));
    const out = execFileSync(process.execPath, [script, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: '', ...env },
      encoding: 'utf8',
    });
    const secret = new TextEncoder().encode(loadOrCreateDevSecrets(dataDir).jwtSecret);
    return (await jwtVerify(out.trim().split('\n').at(-1)!, secret)).payload;
  }

  it('gives every identity its own subject: two peers, two organizations alike in their first characters', async () => {
    const x = await claims(['--role', 'peer', '--peer', 'peer-x']);
    const y = await claims(['--role', 'peer', '--peer', 'peer-y']);
    expect(x.sub).not.toBe(y.sub);
    const a = await claims(['--role', 'partner', '--org', '12345678-aaaa']);
    const b = await claims(['--role', 'partner', '--org', '12345678-bbbb']);
    expect(a.sub).not.toBe(b.sub);
    expect(new Set([x.sub, y.sub, a.sub, b.sub]).size).toBe(4);
    expect((await claims(['--role', 'admin', '--sub', 'alice'])).sub).toBe('alice');
  });

  it('sets iss and aud when they are configured', async () => {
    const payload = await claims(['--role', 'admin'], {
      AUTH_ISSUER: 'https://hub.example',
      AUTH_AUDIENCE: 'hub-api',
    });
    expect(payload).toMatchObject({ iss: 'https://hub.example', aud: 'hub-api' });
  });

  it('refuses a lifetime longer than AUTH_MAX_TOKEN_HOURS', async () => {
    expect(() =>
      execFileSync(process.execPath, [script, '--role', 'admin', '--hours', '24'], {
        env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-token-')) },
        stdio: 'pipe',
      }),
    ).toThrow(/at most 12/);
    const payload = await claims(['--role', 'admin', '--hours', '24'], {
      AUTH_MAX_TOKEN_HOURS: '24',
    });
    expect(payload.exp! - payload.iat!).toBe(24 * 3600);
  });

  it('refuses a partner token without an organization', () => {
    expect(() =>
      execFileSync(process.execPath, [script, '--role', 'partner'], {
        env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'hub-token-')) },
        stdio: 'pipe',
      }),
    ).toThrow(/needs --org/);
  });
});

if (!existsSync(script))
  console.warn('token script tests skipped: run `npm test` (it builds dist/ first)');
