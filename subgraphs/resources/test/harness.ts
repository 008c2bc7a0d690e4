import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Identity } from '../../kit/identity';
import {
  startResources,
  type GraphQLResponse,
  type TestResources,
} from '../../../test/support/stack';

export { expectData, expectError } from '../../../test/support/expect';

export type Body<T = Record<string, unknown>> = GraphQLResponse<T>['body'];

/** One resources subgraph on a database of its own for the test file that calls this. */
export function useResources(): () => TestResources {
  let resources: TestResources | undefined;
  beforeAll(async () => {
    resources = await startResources();
  });
  afterAll(() => resources?.stop());
  return () => {
    if (!resources) throw new Error('the resources subgraph has not started');
    return resources;
  };
}

const user = () => `user-${randomBytes(4).toString('hex')}`;

export const partnerOf = (org: string, sub = user()): Identity => ({
  sub,
  roles: ['partner'],
  org,
  peer: null,
});
export const admin = (sub = user()): Identity => ({ sub, roles: ['admin'], org: null, peer: null });
export const peer = (sub = user()): Identity => ({
  sub,
  roles: ['peer'],
  org: null,
  peer: randomBytes(4).toString('hex'),
});
export const planner = (sub = user()): Identity => ({
  sub,
  roles: ['discharge_planner'],
  org: null,
  peer: null,
});

export async function count(
  resources: TestResources,
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const rows = await resources.orm.em
    .getConnection()
    .execute<{ n: string }[]>(`select count(*) as n from ${sql}`, params);
  return Number(rows[0].n);
}

/** A resource row as it is stored now, bypassing every cache. */
export async function storedResource<Row = Record<string, unknown>>(
  resources: TestResources,
  id: string,
): Promise<Row> {
  const rows = await resources.orm.em
    .getConnection()
    .execute<Row[]>('select * from resource where id = ?', [id]);
  return rows[0];
}

export async function storedLocation<Row = Record<string, unknown>>(
  resources: TestResources,
  id: string,
): Promise<Row> {
  const rows = await resources.orm.em
    .getConnection()
    .execute<Row[]>('select * from location where id = ?', [id]);
  return rows[0];
}

export async function storedOrganization<Row = Record<string, unknown>>(
  resources: TestResources,
  id: string,
): Promise<Row> {
  const rows = await resources.orm.em
    .getConnection()
    .execute<Row[]>('select * from organization where id = ?', [id]);
  return rows[0];
}

export const WEEKDAYS_9_TO_5 = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map(
  (day) => ({
    day,
    opensAt: '09:00',
    closesAt: '17:00',
  }),
);
