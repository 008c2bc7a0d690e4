import { ApiError, graphql, OfflineError, request, type VariablesOf } from '../shared/graphql';
import {
  fieldOf,
  flush,
  isTransient,
  localStore,
  type ReferralInputJson,
  type SendResult,
} from './outbox';

export const CREATE_REFERRAL = graphql(`
  mutation CreateReferral($idempotencyKey: String!, $input: CreateReferralInput!) {
    createReferral(idempotencyKey: $idempotencyKey, input: $input) {
      id
      status
    }
  }
`);

type CreateInput = VariablesOf<typeof CREATE_REFERRAL>['input'];

/** The queued JSON as the API's input type (the enums were chosen from the API's own lists). */
const asInput = (input: ReferralInputJson): CreateInput => input as CreateInput;

/** One createReferral call under the draft's key: sent, refused (with the field), or unreachable. */
export async function sendReferral(key: string, input: ReferralInputJson): Promise<SendResult> {
  try {
    const { createReferral } = await request(CREATE_REFERRAL, {
      idempotencyKey: key,
      input: asInput(input),
    });
    return { kind: 'sent', id: createReferral.id };
  } catch (error) {
    if (error instanceof OfflineError) return { kind: 'unreachable' };
    if (error instanceof ApiError && !isTransient(error.code))
      return {
        kind: 'refused',
        refusal: { code: error.code, message: error.message, field: fieldOf(error.field) },
      };
    return { kind: 'unreachable' };
  }
}

/** Sends what waits on this device, one tab at a time where the browser can say so. */
export async function flushOutbox(): Promise<Map<string, SendResult>> {
  const run = () => flush(localStore(), sendReferral);
  if (typeof navigator !== 'undefined' && 'locks' in navigator)
    return navigator.locks.request('refer:outbox', run);
  return run();
}
