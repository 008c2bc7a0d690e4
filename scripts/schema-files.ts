import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { projectRoot } from '../subgraphs/kit/paths';
import { SUBGRAPHS, subgraphUrl } from './subgraphs';

export const SCHEMA_DIR = resolve(projectRoot(), 'schema');

export interface SchemaFiles {
  /** file name under schema/ → contents */
  files: Record<string, string>;
}

/** What `npm run schema` writes: each subgraph's SDL and the composed supergraph. */
export async function generateSchemaFiles(): Promise<SchemaFiles> {
  const files: Record<string, string> = {};
  const services = [];
  for (const { definition } of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await definition.schema());
    files[`${definition.name}.graphql`] = `${sdl.trim()}\n`;
    // The default URL goes into the supergraph; the gateway's <NAME>_URL settings override it.
    services.push({ name: definition.name, url: subgraphUrl(definition), typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(
      `The subgraphs do not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  files['supergraph.graphql'] = `${result.supergraphSdl!.trim()}\n`;
  return { files };
}

export function readCommitted(name: string): string | undefined {
  try {
    return readFileSync(resolve(SCHEMA_DIR, name), 'utf8');
  } catch {
    return undefined;
  }
}
