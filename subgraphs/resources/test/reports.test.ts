import { describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../../../test/support/fixtures';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { ResourceStatus } from '../resource/resource.enums';
import {
  admin,
  count,
  expectData,
  expectError,
  partnerOf,
  peer,
  planner,
  useResources,
} from './harness';

const api = useResources();

const REPORT = `mutation($input: ReportListingIssueInput!) { reportListingIssue(input: $input) {
  id kind message status reportedBy reportedByRole createdAt resolvedAt resource { id } location { id }
} }`;
interface Report {
  id: string;
  kind: string;
  message: string | null;
  status: string;
  reportedBy: string;
  reportedByRole: string;
  createdAt: string;
  resolvedAt: string | null;
  resource: { id: string };
  location: { id: string } | null;
}
const OPEN_REPORTS =
  'query($id: ID!) { resource(id: $id) { openReports { id kind message status reportedBy } } }';
interface OpenReportsData {
  resource: {
    openReports: {
      id: string;
      kind: string;
      message: string | null;
      status: string;
      reportedBy: string;
    }[];
  };
}
const RESOLVE = `mutation($id: ID!, $resolution: String) { resolveListingReport(id: $id, resolution: $resolution) {
  id status resolvedAt resolvedBy resolution
} }`;
interface ResolveData {
  resolveListingReport: {
    id: string;
    status: string;
    resolvedAt: string | null;
    resolvedBy: string | null;
    resolution: string | null;
  };
}

async function report(
  f: Fixture,
  who: Identity,
  input: Record<string, unknown> = {},
): Promise<Report> {
  const data = expectData(
    await api().execute<{ reportListingIssue: Report }>(
      REPORT,
      { input: { resourceId: f.resource.id, kind: 'NO_CAPACITY', ...input } },
      who,
    ),
  );
  return data.reportListingIssue;
}

const reportsOn = (f: Fixture) =>
  count(api(), 'listing_report where resource_id = ?', [f.resource.id]);

describe('reportListingIssue', () => {
  it('lets a peer flag a listing at one of its locations', async () => {
    const f = await createListing(api().orm);
    const who = peer('peer-42');
    const created = await report(f, who, {
      kind: 'WRONG_PHONE',
      message: '  Number is disconnected  ',
      locationId: f.location.id,
    });
    expect(created).toMatchObject({
      kind: 'WRONG_PHONE',
      message: 'Number is disconnected',
      status: 'OPEN',
      reportedBy: 'peer-42',
      reportedByRole: 'peer',
      resolvedAt: null,
      resource: { id: f.resource.id },
      location: { id: f.location.id },
    });
    expect(Date.now() - Date.parse(created.createdAt)).toBeLessThan(60_000);
    expect(await reportsOn(f)).toBe(1);
  });

  it('lets a discharge planner flag a listing', async () => {
    const f = await createListing(api().orm);
    const created = await report(f, planner('dp-1'), { kind: 'CLOSED' });
    expect(created).toMatchObject({
      kind: 'CLOSED',
      reportedBy: 'dp-1',
      reportedByRole: 'discharge_planner',
      location: null,
    });
  });

  it('refuses anonymous callers, writing nothing', async () => {
    const f = await createListing(api().orm);
    expectError(
      await api().execute(
        REPORT,
        { input: { resourceId: f.resource.id, kind: 'CLOSED' } },
        ANONYMOUS,
      ),
      'UNAUTHENTICATED',
    );
    expect(await reportsOn(f)).toBe(0);
  });

  it('is NOT_FOUND for a listing the reporter cannot see', async () => {
    const hidden = await createListing(api().orm, { status: ResourceStatus.INACTIVE });
    expectError(
      await api().execute(
        REPORT,
        { input: { resourceId: hidden.resource.id, kind: 'CLOSED' } },
        peer(),
      ),
      'NOT_FOUND',
    );
    expectError(
      await api().execute(
        REPORT,
        { input: { resourceId: '00000000-0000-4000-8000-000000000000', kind: 'CLOSED' } },
        peer(),
      ),
      'NOT_FOUND',
    );
    expect(await reportsOn(hidden)).toBe(0);
  });

  it('refuses a location where the listing is not offered, naming locationId', async () => {
    const f = await createListing(api().orm);
    const other = await createListing(api().orm);
    const error = expectError(
      await api().execute(
        REPORT,
        {
          input: {
            resourceId: f.resource.id,
            kind: 'WRONG_ADDRESS',
            locationId: other.location.id,
          },
        },
        peer(),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('locationId');
    expect(await reportsOn(f)).toBe(0);
  });

  it('refuses a 1 MB message, naming message', async () => {
    const f = await createListing(api().orm);
    const error = expectError(
      await api().execute(
        REPORT,
        { input: { resourceId: f.resource.id, kind: 'OTHER', message: 'x'.repeat(1024 * 1024) } },
        peer(),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('message');
    expect(await reportsOn(f)).toBe(0);
  });

  it('refuses an unknown kind of issue', async () => {
    const f = await createListing(api().orm);
    const error = expectError(
      await api().execute(
        REPORT,
        { input: { resourceId: f.resource.id, kind: 'RUDE_STAFF' } },
        peer(),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('kind');
    expect(await reportsOn(f)).toBe(0);
  });
});

describe('openReports', () => {
  it("shows the listing's open reports, newest first, to its own partner and to admins", async () => {
    const f = await createListing(api().orm);
    const first = await report(f, peer('p-1'), { kind: 'NO_CAPACITY', message: 'Full tonight' });
    const second = await report(f, planner('dp-2'), {
      kind: 'WRONG_HOURS',
      message: 'Closes at 4 now',
    });
    const other = await createListing(api().orm);
    await report(other, peer()); // another listing's report stays out

    const expected = [
      {
        id: second.id,
        kind: 'WRONG_HOURS',
        message: 'Closes at 4 now',
        status: 'OPEN',
        reportedBy: 'dp-2',
      },
      {
        id: first.id,
        kind: 'NO_CAPACITY',
        message: 'Full tonight',
        status: 'OPEN',
        reportedBy: 'p-1',
      },
    ];
    const own = expectData(
      await api().execute<OpenReportsData>(
        OPEN_REPORTS,
        { id: f.resource.id },
        partnerOf(f.organization.id),
      ),
    );
    expect(own.resource.openReports).toEqual(expected);
    const byAdmin = expectData(
      await api().execute<OpenReportsData>(OPEN_REPORTS, { id: f.resource.id }, admin()),
    );
    expect(byAdmin.resource.openReports).toEqual(expected);
  });

  it('is FORBIDDEN to other organizations, peers (even the reporter) and anonymous callers', async () => {
    const f = await createListing(api().orm);
    const reporter = peer();
    await report(f, reporter);
    const other = await createListing(api().orm);
    for (const who of [partnerOf(other.organization.id), reporter, planner(), ANONYMOUS]) {
      const body = await api().execute<OpenReportsData>(OPEN_REPORTS, { id: f.resource.id }, who);
      expectError(body, 'FORBIDDEN');
      expect(JSON.stringify(body)).not.toContain(reporter.sub!);
    }
  });
});

describe('resolveListingReport', () => {
  it('lets the organization mark a report fixed; it leaves the open list and cannot be resolved twice', async () => {
    const f = await createListing(api().orm);
    const kept = await report(f, peer(), { kind: 'WRONG_PHONE' });
    const fixed = await report(f, peer(), { kind: 'NO_CAPACITY' });
    const partner = partnerOf(f.organization.id, 'fixer-1');
    const data = expectData(
      await api().execute<ResolveData>(
        RESOLVE,
        { id: fixed.id, resolution: '  Beds updated  ' },
        partner,
      ),
    );
    expect(data.resolveListingReport).toMatchObject({
      id: fixed.id,
      status: 'RESOLVED',
      resolvedBy: 'fixer-1',
      resolution: 'Beds updated',
    });
    expect(data.resolveListingReport.resolvedAt).not.toBeNull();
    expect(Date.now() - Date.parse(data.resolveListingReport.resolvedAt!)).toBeLessThan(60_000);

    const open = expectData(
      await api().execute<OpenReportsData>(OPEN_REPORTS, { id: f.resource.id }, partner),
    );
    expect(open.resource.openReports.map((r) => r.id)).toEqual([kept.id]);

    expectError(await api().execute<ResolveData>(RESOLVE, { id: fixed.id }, partner), 'CONFLICT');
  });

  it('lets an admin resolve a report', async () => {
    const f = await createListing(api().orm);
    const created = await report(f, peer());
    const data = expectData(
      await api().execute<ResolveData>(RESOLVE, { id: created.id }, admin('admin-3')),
    );
    expect(data.resolveListingReport).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: 'admin-3',
      resolution: null,
    });
  });

  it('does not let other organizations or the reporter resolve it', async () => {
    const f = await createListing(api().orm);
    const reporter = peer();
    const created = await report(f, reporter);
    const other = await createListing(api().orm);
    for (const who of [partnerOf(other.organization.id), reporter]) {
      const body = await api().execute<ResolveData>(RESOLVE, { id: created.id }, who);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(body.errors?.[0]?.extensions?.code);
    }
    expect(
      await count(api(), "listing_report where id = ? and status = 'OPEN'", [created.id]),
    ).toBe(1);
  });

  it('asks anonymous callers to sign in', async () => {
    const f = await createListing(api().orm);
    const created = await report(f, peer());
    expectError(
      await api().execute<ResolveData>(RESOLVE, { id: created.id }, ANONYMOUS),
      'UNAUTHENTICATED',
    );
    expect(
      await count(api(), "listing_report where id = ? and status = 'OPEN'", [created.id]),
    ).toBe(1);
  });

  it('refuses a 1 MB resolution, naming resolution, and leaves the report open', async () => {
    const f = await createListing(api().orm);
    const created = await report(f, peer());
    const error = expectError(
      await api().execute(
        RESOLVE,
        { id: created.id, resolution: 'x'.repeat(1024 * 1024) },
        partnerOf(f.organization.id),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('resolution');
    expect(
      await count(api(), "listing_report where id = ? and status = 'OPEN'", [created.id]),
    ).toBe(1);
  });

  it('is NOT_FOUND for an unknown report', async () => {
    expectError(await api().execute<ResolveData>(RESOLVE, { id: 'nope' }, admin()), 'NOT_FOUND');
    expectError(
      await api().execute<ResolveData>(
        RESOLVE,
        { id: '00000000-0000-4000-8000-000000000000' },
        admin(),
      ),
      'NOT_FOUND',
    );
  });
});
