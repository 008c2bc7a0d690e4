import type { Task } from 'fhir/r4';
import { SDOHCC_CODES, SYSTEMS } from '../referral/referral-fhir';
import { fhirTaskStatus } from '../referral/referral-lifecycle';
import {
  ReferralOutcomeCode,
  ReferralReasonCode,
  ReferralStatus,
} from '../referral/referral.enums';
import { LIMITS } from '../validators';
import { FhirError } from './fhir-rest';

/** What a PUT of a Task asks for, in the lifecycle's terms. */
export interface TaskUpdate {
  to: ReferralStatus;
  reasonCode: ReferralReasonCode | null;
  reasonText: string | null;
  outcome: { code: ReferralOutcomeCode; note: string | null } | null;
  /** The version the client read (If-Match, else meta.versionId); undefined when it sent none. */
  version: number | undefined;
}

const STATUS_OF: ReadonlyMap<string, ReferralStatus> = new Map(
  Object.values(ReferralStatus).map((s) => [fhirTaskStatus(s), s]),
);
const REASONS: ReadonlySet<string> = new Set(Object.values(ReferralReasonCode));
const OUTCOMES: ReadonlySet<string> = new Set(Object.values(ReferralOutcomeCode));

const invalid = (message: string) => new FhirError(400, 'invalid', message);

/** `W/"3"`, `"3"` or `3`; undefined when absent. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalid('If-Match: must be a version the server gave (W/"n")');
  return Number(match[1]);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The codings of a CodeableConcept a client sent, whatever its shape. */
function codings(concept: unknown): { system?: unknown; code?: unknown }[] {
  if (!isObject(concept) || !Array.isArray(concept.coding)) return [];
  return concept.coding.filter(isObject);
}

/** The code of our `system` in a CodeableConcept, if it has one. */
function ourCode(concept: unknown, system: string): string | undefined {
  const code = codings(concept).find((c) => c.system === system)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A CodeableConcept's text, if it is a string. */
const textOf = (concept: unknown) =>
  isObject(concept) && typeof concept.text === 'string' ? concept.text : undefined;

function text(value: string | undefined, field: string): string | null {
  const trimmed = value?.trim() || null;
  if (trimmed && trimmed.length > LIMITS.reason)
    throw invalid(`${field}: must be at most ${LIMITS.reason} characters`);
  return trimmed;
}

/**
 * Reads a PUT Task body: only `status`, `statusReason` and the `resulting-activity` output count
 * (the rest of a Task is the server's); the id must be the one in the URL. A reason's text that is
 * only its code (what a reader without free text sees) is no text.
 */
export function parseTaskUpdate(
  body: unknown,
  id: string,
  ifMatch: string | undefined,
): TaskUpdate {
  if (!isObject(body) || body.resourceType !== 'Task')
    throw invalid('the body must be a Task resource (application/fhir+json)');
  const task = body as Partial<Task>;
  if (task.id !== undefined && task.id !== id)
    throw invalid(`Task.id: ${JSON.stringify(task.id)} is not the id in the URL`);
  const to = typeof task.status === 'string' ? STATUS_OF.get(task.status) : undefined;
  if (!to) throw invalid('Task.status: must be a FHIR Task status');

  for (const [field, value, ok] of [
    ['statusReason', task.statusReason, isObject(task.statusReason)],
    ['output', task.output, Array.isArray(task.output)],
    ['meta', task.meta, isObject(task.meta)],
  ] as const) {
    if (value !== undefined && !ok) throw invalid(`Task.${field}: is not a FHIR ${field}`);
  }
  const reason = task.statusReason;
  const code = ourCode(reason, SYSTEMS.reason);
  if (code !== undefined && !REASONS.has(code))
    throw invalid(`Task.statusReason: ${JSON.stringify(code)} is not a code of ${SYSTEMS.reason}`);
  const words = text(textOf(reason), 'Task.statusReason.text');

  const outputs: unknown[] = Array.isArray(task.output) ? task.output : [];
  const activity = outputs
    .filter(isObject)
    .find((o) =>
      codings(o.type).some((c) => c.system === SDOHCC_CODES && c.code === 'resulting-activity'),
    );
  let outcome: TaskUpdate['outcome'] = null;
  if (activity) {
    const outcomeCode = ourCode(activity.valueCodeableConcept, SYSTEMS.outcome);
    if (!outcomeCode || !OUTCOMES.has(outcomeCode))
      throw invalid(
        `Task.output: a resulting-activity needs a valueCodeableConcept coded from ${SYSTEMS.outcome}`,
      );
    outcome = {
      code: outcomeCode as ReferralOutcomeCode,
      note: text(textOf(activity.valueCodeableConcept), 'Task.output.valueCodeableConcept.text'),
    };
  }

  const fromHeader = versionFromIfMatch(ifMatch);
  const metaVersion = isObject(task.meta) ? task.meta.versionId : undefined;
  const fromMeta =
    typeof metaVersion === 'string' && /^\d{1,9}$/.test(metaVersion)
      ? Number(metaVersion)
      : undefined;
  if (metaVersion !== undefined && fromMeta === undefined)
    throw invalid('Task.meta.versionId: must be a version the server gave');
  return {
    to,
    reasonCode: (code as ReferralReasonCode | undefined) ?? null,
    reasonText: words === code ? null : words,
    outcome,
    version: fromHeader ?? fromMeta,
  };
}
