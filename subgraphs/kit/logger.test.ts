import { DriverException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from './logger';

const SECRET = 'Maria G., +1 510 555 0100, on methadone';

/** A Postgres error as pg raises it: the row's values in `detail`, the statement in the driver's message. */
function pgError(): Error {
  return Object.assign(new Error(`insert into "referral" ... values ('${SECRET}')`), {
    name: 'error',
    severity: 'ERROR',
    code: '23505',
    routine: '_bt_check_unique',
    table: 'referral',
    constraint: 'referral_key_unique',
    detail: `Key (name)=(${SECRET}) already exists.`,
  });
}

function captured() {
  const lines: string[] = [];
  const logger = createLogger('test', 'trace', {
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

describe('serializeError', () => {
  it('logs a database error by class, SQLSTATE, table and constraint, never its message, detail or statement', () => {
    const error = new DriverException(pgError());
    expect(serializeError(error)).toMatchObject({
      type: 'DriverException',
      code: '23505',
      table: 'referral',
      constraint: 'referral_key_unique',
    });
    expect(JSON.stringify(serializeError(error))).not.toContain('Maria');
    expect(JSON.stringify(serializeError(pgError()))).not.toContain('Maria');
  });

  it('summarizes a database error that is the cause of another', () => {
    const error = new Error('could not save the referral', { cause: pgError() });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).toContain('could not save the referral');
    expect(logged).toContain('23505');
    expect(logged).not.toContain('Maria');
  });

  it('keeps only class, message, code and stack of other errors, not their other properties', () => {
    const error = Object.assign(new Error('boom'), { code: 'E_BOOM', variables: { name: SECRET } });
    expect(serializeError(error)).toEqual({
      type: 'Error',
      message: 'boom',
      code: 'E_BOOM',
      stack: error.stack,
    });
  });
});

describe('createLogger', () => {
  it('serializes `err` safely and drops person fields and statements wherever they are logged', () => {
    const { logger, lines } = captured();
    logger.error({ err: new DriverException(pgError()) }, 'write failed');
    logger.info(
      {
        person: { displayName: SECRET },
        input: { notes: SECRET },
        sql: `select '${SECRET}'`,
        params: [SECRET],
        nested: { contact: SECRET, reason: SECRET },
      },
      'request',
    );
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('Maria');
    expect(JSON.parse(lines[0])).toMatchObject({ err: { code: '23505' }, msg: 'write failed' });
  });
});
