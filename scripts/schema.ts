import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSchemaFiles, SCHEMA_DIR } from './schema-files';

/** npm run schema: prints each subgraph's SDL and composes schema/supergraph.graphql. */
async function main(): Promise<void> {
  const { files } = await generateSchemaFiles();
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, contents] of Object.entries(files)) {
    writeFileSync(resolve(SCHEMA_DIR, name), contents);
    console.log(`wrote schema/${name} (${contents.split('\n').length} lines)`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
