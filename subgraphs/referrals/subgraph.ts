import 'reflect-metadata';
import type { SubgraphDefinition, SubgraphRuntime } from '../kit/subgraph';
import { referralsSchema } from './app';
import { DEFAULT_RESOURCES_URL } from './config';
import { referralsContext, type ReferralsContext } from './context';
import { HttpResourceDirectory } from './directory/http-resource-directory';
import type { ResourceDirectory } from './directory/resource-directory.port';
import { redisclosureNoticePlugin } from './disclosure';
import { initReferralsOrm } from './orm';

export interface ReferralsOptions {
  /** The resources subgraph when the runner does not say (a container of its own: RESOURCES_URL). */
  resourcesUrl?: string;
  /** Replaces the HTTP directory (unit tests of the project's own port). */
  directory?: (runtime: SubgraphRuntime) => ResourceDirectory;
}

export function createReferralsSubgraph(options: ReferralsOptions = {}): SubgraphDefinition<ReferralsContext> {
  // One directory per running service, shared by its requests, so lookups batch across requests.
  const directories = new WeakMap<SubgraphRuntime, ResourceDirectory>();
  const directoryFor = (runtime: SubgraphRuntime): ResourceDirectory => {
    let directory = directories.get(runtime);
    if (!directory) {
      directory =
        options.directory?.(runtime) ??
        new HttpResourceDirectory(
          () => runtime.subgraphUrls?.resources ?? options.resourcesUrl ?? DEFAULT_RESOURCES_URL,
          runtime.identitySecret,
          runtime.logger,
        );
      directories.set(runtime, directory);
    }
    return directory;
  };
  return {
    name: 'referrals',
    defaultPort: 4002,
    schema: referralsSchema,
    initOrm: initReferralsOrm,
    context: (base, runtime) => referralsContext(base, directoryFor(runtime)),
    plugins: () => [redisclosureNoticePlugin()],
  };
}

export const referralsSubgraph = createReferralsSubgraph();
