import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findUnsafeArgument, isUnsafeText } from './unsafe-text';

describe('isUnsafeText', () => {
  it('refuses NUL and unpaired surrogates, and accepts paired ones and other control text', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'a\udc00', '\udc00\ud800', 'x\ud83d'])
      expect(isUnsafeText(bad), JSON.stringify(bad)).toBe(true);
    for (const fine of ['', 'Clínica', '👩🏽‍⚕️', '\ud83d\ude00', '\u0001\t\n', '\u202e'])
      expect(isUnsafeText(fine), JSON.stringify(fine)).toBe(false);
  });
});

describe('findUnsafeArgument', () => {
  const query = parse(
    'query($input: CreateReferralInput!, $needs: [ID!]) { createReferral(input: $input, idempotencyKey: "k") { id } r: resources(filter: { needs: $needs }) { totalCount } }',
  );

  it('names the argument path of a NUL sent as a variable, however deep', () => {
    expect(
      findUnsafeArgument(query, { input: { person: { contact: '+1\u0000' } }, needs: [] }),
    ).toBe('input.person.contact');
    expect(findUnsafeArgument(query, { input: {}, needs: ['food', 'a\ud800'] })).toBe(
      'filter.needs[1]',
    );
  });

  it('names the argument path of one written in the query', () => {
    expect(
      findUnsafeArgument(parse('{ resources(filter: { name: "a", county: "b\\u0000" }) { id } }')),
    ).toBe('filter.county');
    expect(findUnsafeArgument(parse('{ categories @include(if: true) { id } }'))).toBeNull();
  });

  it('finds nothing in safe values, and looks at keys of free-form values too', () => {
    expect(findUnsafeArgument(query, { input: { person: { contact: '+1 510' } } })).toBeNull();
    expect(findUnsafeArgument(query, { input: { 'x\u0000': 1 } })).toBe('input');
  });
});
