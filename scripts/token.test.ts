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
