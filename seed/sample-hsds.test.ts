import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from './sample-directory';
import { generateDocuments } from './sample-hsds';
import { hsdsSpecDir } from '../subgraphs/resources/test/hsds-paths';
import { describeErrors, hsdsValidators } from '../subgraphs/resources/test/hsds-schemas';

const spec = hsdsSpecDir();
type Doc = Record<string, unknown>;
// A hospital or jail lists no services: its document has none.
const services = (docs: Doc[]) => docs.flatMap((d) => (d.services as Doc[] | undefined) ?? []);

describe('the seed generator', () => {
  it('is deterministic: same seed, same documents; another seed, others', () => {
    const a = JSON.stringify([...generateDocuments({ seed: 7, resources: 400 })]);
    expect(JSON.stringify([...generateDocuments({ seed: 7, resources: 400 })])).toBe(a);
    expect(JSON.stringify([...generateDocuments({ seed: 8, resources: 400 })])).not.toBe(a);
  });

  it('writes exactly the listings asked for, and by default what npm start loads', () => {
    for (const n of [1, 37, 1000])
      expect(services([...generateDocuments({ seed: 2, resources: n })])).toHaveLength(n);
    const sample = sampleDirectory({ seed: 1 });
    const docs = [...generateDocuments()];
    expect(docs.map((d) => d.id)).toEqual(sample.map((o) => o.id));
    expect(services(docs)).toHaveLength(sample.flatMap((o) => o.resources).length);
  });

  it('spreads a large directory over the state, weighted toward the big cities', () => {
    const docs = [...generateDocuments({ seed: 3, resources: 3000 })];
    const cities = new Map<string, number>();
    for (const l of docs.flatMap((d) => d.locations as Doc[])) {
      const city = (l.addresses as Doc[])[0].city as string;
      cities.set(city, (cities.get(city) ?? 0) + 1);
      expect(l.latitude as number).toBeGreaterThan(32.5);
      expect(l.latitude as number).toBeLessThan(42);
      expect(l.longitude as number).toBeGreaterThan(-124.5);
      expect(l.longitude as number).toBeLessThan(-114);
    }
    expect(cities.size).toBeGreaterThanOrEqual(20);
    expect(cities.get('Los Angeles')!).toBeGreaterThan(cities.get('Eureka') ?? 0);
  });

  describe.skipIf(!spec)('against the official schema', () => {
    let validators: ReturnType<typeof hsdsValidators>;
    beforeAll(() => {
      validators = hsdsValidators(spec!);
      validators.organization({}); // compile now, outside the test's time limit
    });

    it('writes valid HSDS 3.0 organization documents', () => {
      const { organization } = validators;
      for (const doc of generateDocuments({ seed: 5, resources: 300 })) {
        expect(organization(doc), describeErrors(organization)).toBe(true);
      }
    });
  });
});
