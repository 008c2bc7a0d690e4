import { DataloaderType, type Constructor, type MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from './logger';

export type { MikroORM, EntityManager } from '@mikro-orm/postgresql';

export interface OrmOptions {
  clientUrl: string;
  entities: Constructor[];
  migrations: MigrationObject[];
  logger?: Logger;
  poolMax?: number;
}

export function ormConfig(options: OrmOptions): Options {
  return {
    clientUrl: options.clientUrl,
    entities: options.entities,
    extensions: [Migrator],
    // Batches Reference/Collection loads made in one tick into one query: no N+1 in resolvers.
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
    },
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    // Never 'query' or 'query-params', in development too: a logged statement carries its values,
    // a person's details among them (DESIGN: logs never hold personal data).
    debug: false,
    logger: (message) => options.logger?.debug({ orm: message }),
    // knex writes its own warnings (a connection lost while the database restarts) to the console;
    // they belong in our log, at their level.
    driverOptions: {
      log: {
        // "Connection Error": a pooled connection the server ended (a restart, a stop) is found
        // dead and replaced before use; a query it fails is logged by whoever ran it.
        warn: (message: unknown) =>
          options.logger?.[String(message).startsWith('Connection Error') ? 'debug' : 'warn']({
            knex: String(message),
          }),
        error: (message: unknown) => options.logger?.error({ knex: String(message) }),
        deprecate: (message: unknown) => options.logger?.debug({ knex: String(message) }),
        debug: (message: unknown) => options.logger?.debug({ knex: String(message) }),
      },
    },
  };
}

/** Connects and brings the schema up to date (migrations are idempotent and transactional). */
export async function initOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(options));
  await orm.getMigrator().up();
  return orm;
}
