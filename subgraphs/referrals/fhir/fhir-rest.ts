import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  CapabilityStatementRestResource,
  Consent,
  FhirResource,
  Meta,
  OperationOutcome,
  OperationOutcomeIssue,
  Organization,
  Patient,
  PractitionerRole,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import type { PersonAccess } from '../access';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import { SYSTEMS } from '../referral/referral-fhir';
import type { Referral } from '../referral/referral.entity';

/** The media type of every /fhir answer (FHIR R4 http: JSON format). */
export const FHIR_JSON = 'application/fhir+json';
export const FHIR_VERSION = '4.0.1';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SDOHCC_IG =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/ImplementationGuide/hl7.fhir.us.sdoh-clinicalcare';
const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition';
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';

/** The id the contained requester has in a Task and a ServiceRequest (a referrer without an organization). */
const CONTAINED_REQUESTER = 'requester';

/** The resources of one referral as /fhir serves them. */
export interface RestResources {
  task: Task;
  serviceRequest: ServiceRequest;
  /** The consents shown to the caller (those that name them; all for the referring side). */
  consents: Consent[];
  /** Only when the caller may see who the person is. */
  patient?: Patient;
}

/**
 * A referral's bundle made into resources a server returns one at a time. The bundle's references are
 * `urn:uuid:` ones that resolve inside it; here they become the ids /fhir serves: the Task, the
 * ServiceRequest and the Patient of a referral have the referral's id (ids are per resource type),
 * a Consent its own, an Organization the hub's organization id; a requester without an organization is
 * a PractitionerRole contained in the resources that point to it. Each resource that shows who the
 * person is, or substance-use information, carries the re-disclosure label and notice in `meta`.
 */
export function restResources(
  bundle: Bundle<FhirResource>,
  referral: Referral,
  access: PersonAccess,
): RestResources {
  const refs = new Map<string, string>();
  let requester: PractitionerRole | undefined;
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!entry.fullUrl || !resource) continue;
    const local = restReference(resource, referral);
    if (local) refs.set(entry.fullUrl, local);
    if (resource.resourceType === 'PractitionerRole') {
      requester = { ...resource, id: CONTAINED_REQUESTER };
      refs.set(entry.fullUrl, `#${CONTAINED_REQUESTER}`);
    }
  }
  const version: Meta = {
    versionId: String(referral.version),
    lastUpdated: referral.updatedAt.toISOString(),
  };
  const labelled = (meta: Meta | undefined, discloses: boolean): Meta | undefined =>
    discloses ? redisclosureLabels(meta) : meta;
  const contained = requester ? { contained: [requester] } : {};
  let task: Task | undefined;
  let serviceRequest: ServiceRequest | undefined;
  let patient: Patient | undefined;
  const consents: Consent[] = [];
  for (const entry of bundle.entry ?? []) {
    if (!entry.resource) continue;
    const resource = rewriteReferences(entry.resource, refs);
    if (resource.resourceType === 'Task') {
      task = {
        ...resource,
        id: referral.id,
        meta: labelled({ ...resource.meta, ...version }, access.identity),
        ...contained,
      };
    } else if (resource.resourceType === 'ServiceRequest') {
      const partTwo = (resource.meta?.security ?? []).some((s) => s.code === 'R');
      serviceRequest = {
        ...resource,
        id: referral.id,
        meta: labelled({ ...resource.meta, ...version }, access.identity || partTwo),
        ...contained,
      };
    } else if (resource.resourceType === 'Consent') {
      consents.push({ ...resource, meta: labelled(resource.meta, access.identity) });
    } else if (resource.resourceType === 'Patient') {
      patient = {
        ...resource,
        id: referral.id,
        meta: labelled({ ...resource.meta, ...version }, true),
      };
    }
  }
  if (!task || !serviceRequest)
    throw new Error('a referral bundle without its Task or ServiceRequest');
  return { task, serviceRequest, consents, ...(patient ? { patient } : {}) };
}

/** Where /fhir serves a resource of the bundle, as a relative reference; undefined when it is not served. */
function restReference(resource: FhirResource, referral: Referral): string | undefined {
  const type = resource.resourceType;
  if (type === 'Task' || type === 'ServiceRequest' || type === 'Patient')
    return `${type}/${referral.id}`;
  if (type === 'Consent') return `Consent/${resource.id}`;
  if (type === 'Organization') {
    const hubId = resource.identifier?.find((i) => i.system === SYSTEMS.organization)?.value;
    return hubId ? `Organization/${hubId}` : undefined;
  }
  return undefined;
}

/** A copy of `resource` whose `reference`s named in `refs` are replaced. */
function rewriteReferences<T extends FhirResource>(resource: T, refs: Map<string, string>): T {
  return JSON.parse(JSON.stringify(resource), (key, value: unknown) =>
    key === 'reference' && typeof value === 'string' ? (refs.get(value) ?? value) : value,
  ) as T;
}

/** 42 CFR 2.32: no re-disclosure without consent, as a label and the notice's words. */
function redisclosureLabels(meta: Meta | undefined): Meta {
  const security = meta?.security ?? [];
  return {
    ...meta,
    security: security.some((s) => s.code === 'NORDSCLCD')
      ? security
      : [
          ...security,
          {
            system: ACT_CODE,
            code: 'NORDSCLCD',
            display: 'no redisclosure without consent directive',
          },
        ],
    extension: [
      ...(meta?.extension ?? []),
      { url: SYSTEMS.redisclosureNotice, valueString: REDISCLOSURE_NOTICE },
    ],
  };
}

/** An organization of the hub: its id is all the referrals subgraph holds of it. */
export function organizationResource(hubId: string): Organization {
  return {
    resourceType: 'Organization',
    id: hubId,
    identifier: [{ system: SYSTEMS.organization, value: hubId }],
    active: true,
  };
}

/** A searchset of Tasks, newest first, with `self` and, when there is more, `next`. */
export function taskSearchset(
  base: string,
  tasks: Task[],
  total: number,
  links: { self: string; next?: string },
): Bundle<FhirResource> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: [
      { relation: 'self', url: links.self },
      ...(links.next ? [{ relation: 'next', url: links.next }] : []),
    ],
    entry: tasks.map((task): BundleEntry<FhirResource> => ({
      fullUrl: `${base}/Task/${task.id}`,
      resource: task,
      search: { mode: 'match' },
    })),
  };
}

export type IssueType = OperationOutcomeIssue['code'];

export function operationOutcome(code: IssueType, message: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics: message }],
  };
}

const readOnly = (
  type: CapabilityStatementRestResource['type'],
  profile?: string,
): CapabilityStatementRestResource => ({
  type,
  ...(profile ? { supportedProfile: [profile] } : {}),
  interaction: [{ code: 'read' }],
  versioning: 'no-version',
  readHistory: false,
  updateCreate: false,
});

/**
 * What /fhir does, and nothing more: read Task, ServiceRequest, Consent, Patient and Organization,
 * search Task by owner, status and _lastUpdated, and update a Task (PUT) to move the referral through
 * its lifecycle. No create, delete, history, vread, _include or other search parameters; JSON only.
 * It is the server a referral recipient system polls (the IG's Referral Recipient, its "light"
 * side), not a full Coordination Platform, so it instantiates neither statement.
 */
export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    publisher: 'Resource directory and referral hub',
    kind: 'instance',
    description:
      'Closed-loop referrals of the referral hub as FHIR R4 (SDOH Clinical Care 3.0.0, US Core 6.1): a referral recipient system reads its Tasks and what they point to, and updates a Task to accept, reject, start, hold, complete or fail the referral. Every read is consent-filtered (42 CFR Part 2) and recorded in the access log.',
    software: { name: 'resource-referral-hub referrals' },
    implementation: { description: 'The referral hub FHIR API', url: base },
    fhirVersion: FHIR_VERSION,
    format: [FHIR_JSON, 'json'],
    implementationGuide: [SDOHCC_IG],
    rest: [
      {
        mode: 'server',
        documentation:
          'Authenticate as for the GraphQL API (Authorization: Bearer). PUT Task/[id] takes the version in If-Match (W/"n") or meta.versionId; it reads status, statusReason (coding from ' +
          SYSTEMS.reason +
          ' and text) and output resulting-activity (coding from ' +
          SYSTEMS.outcome +
          ' and text) and nothing else of the body; businessStatus is not kept.',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                },
              ],
            },
          ],
          description: 'Bearer tokens (JWT) as for the GraphQL API.',
        },
        resource: [
          {
            ...readOnly('Task', `${SDOHCC}/SDOHCC-TaskForReferralManagement`),
            interaction: [{ code: 'read' }, { code: 'update' }, { code: 'search-type' }],
            versioning: 'versioned-update',
            conditionalUpdate: false,
            searchParam: [
              { name: 'owner', type: 'reference', documentation: 'Organization/[hub id]' },
              {
                name: 'status',
                type: 'token',
                documentation: 'One or more Task statuses, comma-separated',
              },
              {
                name: '_lastUpdated',
                type: 'date',
                documentation: 'Prefixes ge, gt, le, lt; at most twice (a range)',
              },
              { name: '_count', type: 'number', documentation: '1 to 50; 20 by default' },
            ],
          },
          readOnly('ServiceRequest', `${SDOHCC}/SDOHCC-ServiceRequest`),
          readOnly('Consent', `${SDOHCC}/SDOHCC-Consent`),
          readOnly('Patient', `${US_CORE}/us-core-patient`),
          readOnly('Organization'),
        ],
      },
    ],
  };
}

/** A refusal of the FHIR API's own (a parameter, a precondition, a method): its HTTP status and issue type. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issue: IssueType,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'FhirError';
  }
}
