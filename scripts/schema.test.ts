import { describe, expect, it } from 'vitest';
import { generateSchemaFiles, readCommitted } from './schema-files';

describe('schema/ (generated, committed)', () => {
  it('matches what the code produces; run `npm run schema` after changing a type', async () => {
    const { files } = await generateSchemaFiles();
    expect(Object.keys(files).sort()).toEqual(['resources.graphql', 'supergraph.graphql']);
    for (const [name, contents] of Object.entries(files)) {
      expect(readCommitted(name), `schema/${name} is out of date: run npm run schema`).toBe(contents);
    }
  });
});
