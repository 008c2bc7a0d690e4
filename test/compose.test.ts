import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayConfig } from '../gateway/config';
import { SUBGRAPHS } from '../scripts/subgraphs';
import type { Env } from '../subgraphs/kit/config';
import { projectRoot } from '../subgraphs/kit/paths';
import { subgraphConfig } from '../subgraphs/kit/subgraph-config';

/** The settings a piece of code reads: an environment that writes down every name asked for. */
function settingsRead(read: (env: Env) => unknown): string[] {
  const asked = new Set<string>();
  const env = new Proxy<Env>(
    {},
    {
      get(_, key) {
        if (typeof key === 'string') asked.add(key);
        return undefined;
      },
    },
  );
  try {
    read(env);
  } catch {
    // Missing required settings are the point here: we only want their names.
  }
  return [...asked].sort();
}

/** Each service's block of docker-compose.yml: the text under `services:` from `  <name>:` on. */
function composeServices(): Map<string, string> {
  const text = readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8');
  const services = text.slice(text.indexOf('\nservices:'), text.indexOf('\nvolumes:'));
  const blocks = new Map<string, string>();
  for (const part of services.split(/\n {2}(?=[a-z][\w-]*:\n)/).slice(1))
    blocks.set(part.slice(0, part.indexOf(':')), part);
  return blocks;
}

/** A setting is named when it, or the setting that stands for it there, appears in the block. */
const STANDS_FOR: Record<string, (service: string) => string> = {
  DATABASE_URL: (service) => `${service.toUpperCase()}_DATABASE_URL`,
};

describe('docker-compose.yml, the production shape', () => {
  const services = composeServices();

  it('runs Postgres, Meilisearch, every subgraph and the gateway', () => {
    expect([...services.keys()]).toEqual(
      expect.arrayContaining([
        'postgres',
        'meilisearch',
        'gateway',
        ...SUBGRAPHS.map((s) => s.definition.name),
      ]),
    );
  });

  it('names every setting each service reads (set, or written down as a comment)', () => {
    const missing: Record<string, string[]> = {};
    const read: Record<string, string[]> = {
      gateway: settingsRead((env) => gatewayConfig(env)),
    };
    for (const { definition } of SUBGRAPHS)
      read[definition.name] = settingsRead((env) => {
        subgraphConfig(definition.name, definition.defaultPort, env);
        definition.optionsFromEnv(env);
      });
    for (const [service, names] of Object.entries(read)) {
      const block = services.get(service) ?? '';
      const named = (name: string) => new RegExp(`\\b${name}\\b`).test(block);
      const absent = names.filter(
        (name) => !named(name) && !named(STANDS_FOR[name]?.(service) ?? name),
      );
      if (absent.length) missing[service] = absent;
    }
    expect(missing).toEqual({});
  });
});
