import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentProblem } from './arguments';

const schema = buildSchema(`
  scalar DateTimeISO
  scalar LocalDate
  input Window { from: DateTimeISO, days: [LocalDate!], note: String }
  type Query {
    stats(from: DateTimeISO, to: DateTimeISO, window: Window, ids: [ID!]): Int
  }
`);

describe('argumentProblem', () => {
  it('names an argument whose date the subgraphs would refuse, as a literal or a variable', () => {
    expect(argumentProblem(schema, parse('{ stats(from: "not a date") }'))).toEqual({
      field: 'from',
      message: expect.stringMatching(/^not a valid DateTimeISO: /) as unknown,
    });
    const query = parse('query($w: Window) { stats(window: $w) }');
    expect(argumentProblem(schema, query, { w: { days: ['2025-01-01', '2025-02-30'] } })).toEqual({
      field: 'window.days[1]',
      message: expect.stringMatching(/LocalDate/) as unknown,
    });
  });

  it('names an argument holding NUL or a lone surrogate', () => {
    const query = parse('query($w: Window, $ids: [ID!]) { stats(window: $w, ids: $ids) }');
    expect(argumentProblem(schema, query, { w: { note: 'a\u0000' } })?.field).toBe('window.note');
    expect(argumentProblem(schema, query, { ids: ['1', '\ud800'] })?.field).toBe('ids[1]');
    expect(argumentProblem(schema, query, { ids: '\ud800' })?.field).toBe('ids');
  });

  it('passes valid values, and leaves values of the wrong shape to validation', () => {
    const query = parse('query($w: Window) { stats(from: "2025-01-31T08:00:00Z", window: $w) }');
    expect(argumentProblem(schema, query, { w: { days: ['2025-01-31'], note: 'ok' } })).toBeNull();
    expect(argumentProblem(schema, query, { w: 'not an object' })).toBeNull();
    expect(argumentProblem(schema, query, { w: { unknown: '\u0000' } })).toBeNull();
  });
});
