import type { FhirResource } from 'fhir/r4';
import { expect } from 'vitest';
import type { Identity } from '../../kit/identity';
import { signFor } from '../../../test/support/http';
import type { ReferralsApi } from './harness';
import { fhirResourceErrors } from './fhir-profiles';

/** One answer of /fhir as a client meets it. */
export interface FhirAnswer<T = FhirResource> {
  status: number;
  type: string;
  headers: Headers;
  body: T;
}

/**
 * A client of the referrals subgraph's /fhir, each request signed for `who` as the gateway signs it.
 * `T` is what the caller expects back: the check below fails when it is not what came.
 */
export function fhirClient(api: () => ReferralsApi) {
  let base: Promise<string> | undefined;
  const baseUrl = () =>
    (base ??= api()
      .referrals.listen()
      .then((s) => new URL(s.url.replace('localhost', '127.0.0.1')).origin));
  async function call<T = FhirResource>(
    method: string,
    path: string,
    who: Identity,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<FhirAnswer<T>> {
    const url = `${await baseUrl()}/fhir${path}`;
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const response = await fetch(url, {
      method,
      headers: {
        ...signFor(who, api().referrals.identitySecret, {
          url,
          audience: 'referrals',
          method,
          body,
        }),
        ...(body ? { 'content-type': 'application/fhir+json' } : {}),
        ...options.headers,
      },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      headers: response.headers,
      body: (await response.json()) as T,
    };
  }
  return {
    call,
    get: <T = FhirResource>(path: string, who: Identity) => call<T>('GET', path, who),
    put: <T = FhirResource>(
      path: string,
      who: Identity,
      body: unknown,
      headers: Record<string, string> = {},
    ) => call<T>('PUT', path, who, { body, headers }),
    /**
     * Asserts an answer is FHIR JSON that passes the R4 schema, the base rules and every profile it
     * claims, each reference it makes fetched (as `who`) and checked to resolve as the profile says.
     */
    async expectValid(answer: FhirAnswer<unknown>, who: Identity): Promise<void> {
      expect(answer.type).toMatch(/^application\/fhir\+json/);
      const refs = new Set<string>();
      JSON.stringify(answer.body, (key, value: unknown) => {
        if (key === 'reference' && typeof value === 'string' && /^[A-Z]\w+\/[\w.-]+$/.test(value))
          refs.add(value);
        return value;
      });
      const resolved = new Map<string, FhirResource>();
      for (const ref of refs) {
        const target = await call('GET', `/${ref}`, who);
        if (target.status === 200) resolved.set(ref, target.body);
      }
      expect(fhirResourceErrors(answer.body, (ref) => resolved.get(ref))).toEqual([]);
    },
  };
}
