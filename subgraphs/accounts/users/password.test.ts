import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, PASSWORD_MAX_LENGTH, verifyPassword } from './password';

describe('password policy (NIST SP 800-63B)', () => {
  it('refuses short, overlong and common passwords with their codes', () => {
    expect(passwordProblem('short pass')).toBe('PASSWORD_TOO_SHORT');
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH) + 'yz')).toBe('PASSWORD_TOO_LONG');
    expect(passwordProblem('1qaz2wsx3edc4rfv')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('abcabcabcabcabcabc')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('maria.gonzalez2024', ['maria.gonzalez@example.org'])).toBe(
      'PASSWORD_TOO_COMMON',
    );
  });

  it('accepts a long passphrase with no composition rules, spaces and accents included', () => {
    expect(passwordProblem('tortilla sunrise over lake merritt')).toBeNull();
    expect(passwordProblem('mañana café en la plaza')).toBeNull();
  });

  it('counts characters, not bytes: 15 accented letters are long enough', () => {
    expect(passwordProblem('ééééé ñññññ üüüü'.normalize('NFD'))).toBeNull();
  });

  it('hashes with argon2id at OWASP parameters and verifies only the right password', async () => {
    const stored = await hashPassword('tortilla sunrise over lake merritt');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'tortilla sunrise over lake merritt')).toBe(true);
    expect(await verifyPassword(stored, 'tortilla sunrise over lake merrit')).toBe(false);
  });
});
