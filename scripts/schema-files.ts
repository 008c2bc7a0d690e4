import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { projectRoot } from '../subgraphs/kit/paths';
import { resourcesSchema } from '../subgraphs/resources/app';

export const SCHEMA_DIR = resolve(projectRoot(), 'schema');

/** Every subgraph, its default URL (the one written into the supergraph) and its schema. */
export const SUBGRAPHS = [{ name: 'resources', url: 'http://localhost:4001/graphql', schema: resourcesSchema }];

export interface SchemaFiles {
  /** file name under schema/ → contents */
  files: Record<string, string>;
}

/** What `npm run schema` writes: each subgraph's SDL and the composed supergraph. */
export async function generateSchemaFiles(): Promise<SchemaFiles> {
  const files: Record<string, string> = {};
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await subgraph.schema());
    files[`${subgraph.name}.graphql`] = `${sdl.trim()}\n`;
    services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
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
