import { describe, expect, it } from 'vitest';
import { generateSchemaFiles, readCommitted } from './schema-files';
import { SUBGRAPHS } from './subgraphs';

describe('schema/ (generated, committed)', () => {
  it('matches what the code produces; run `npm run schema` after changing a type', async () => {
    const { files } = await generateSchemaFiles();
    const expected = [
      ...SUBGRAPHS.map((s) => `${s.definition.name}.graphql`),
      'supergraph.graphql',
    ];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    for (const [name, contents] of Object.entries(files)) {
      expect(readCommitted(name), `schema/${name} is out of date: run npm run schema`).toBe(
        contents,
      );
    }
  });
});
