import { expect } from 'vitest';
import type { GraphQLResponse } from './stack';

type Body<T = Record<string, unknown>> = GraphQLResponse<T>['body'];

/** The one error of a response, which must have failed with `code`. */
export function expectError<T = Record<string, unknown>>(
  body: Body<T>,
  code: string,
): { message: string; extensions?: Record<string, unknown> } {
  expect(body.errors, JSON.stringify(body.data)?.slice(0, 500)).toBeDefined();
  expect(
    body.errors!.map((e) => e.extensions?.code),
    JSON.stringify(body.errors),
  ).toEqual([code]);
  return body.errors![0];
}

/** A successful response's data. */
export function expectData<T = Record<string, unknown>>(body: Body<T>): T {
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data).toBeTruthy();
  return body.data as T;
}
