import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

/** Open Referral's own check: every object closed (`additionalProperties: false`). */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Schema;
  if (schema.properties && typeof schema.properties === 'object') {
    schema.additionalProperties = false;
    for (const child of Object.values(schema.properties as Schema)) closeObjects(child);
  }
  if (schema.items) closeObjects(schema.items);
}

export interface HsdsValidators {
  service: ValidateFunction;
  organization: ValidateFunction;
  taxonomyTerm: ValidateFunction;
  taxonomy: ValidateFunction;
  /** Items of the HSDS API's list pages (`contents`): `service_list.json` and the like. */
  serviceList: ValidateFunction;
  organizationList: ValidateFunction;
  serviceAtLocationList: ValidateFunction;
}

/** Validators for exported documents, from the official compiled schemas in `specDir`. */
export function hsdsValidators(specDir: string): HsdsValidators {
  // The schemas carry documentation keywords (name, core, example...): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const load = (name: string) => {
    const schema = JSON.parse(
      readFileSync(join(specDir, 'schema', 'compiled', name), 'utf8'),
    ) as Schema;
    closeObjects(schema);
    return schema;
  };
  const service = load('service.json');
  const attributes = (service.properties as Record<string, Schema>).attributes;
  const term = ((attributes.items as Schema).properties as Record<string, Schema>).taxonomy_term;
  // Each compiles on first use (seconds for these schemas).
  const lazy = (make: () => ValidateFunction): ValidateFunction => {
    let compiled: ValidateFunction | undefined;
    const validate = ((data: unknown) => {
      compiled ??= make();
      const ok = compiled(data);
      validate.errors = compiled.errors;
      return ok;
    }) as ValidateFunction;
    return validate;
  };
  return {
    service: lazy(() => ajv.compile(service)),
    organization: lazy(() => ajv.compile(load('organization.json'))),
    taxonomyTerm: lazy(() => ajv.compile(term)),
    taxonomy: lazy(() => ajv.compile((term.properties as Record<string, Schema>).taxonomy_detail)),
    serviceList: lazy(() => ajv.compile(load('service_list.json'))),
    organizationList: lazy(() => ajv.compile(load('organization_list.json'))),
    serviceAtLocationList: lazy(() => ajv.compile(load('service_at_location_list.json'))),
  };
}

export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('; ');
}
