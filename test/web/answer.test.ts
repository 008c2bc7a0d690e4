import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../accounts/support';
import { consentInput, CREATE_REFERRAL, ok, type CreateReferralData } from '../support/referrals';
import type { TestStack } from '../support/stack';
import { check, OAKLAND, useWebApp, type WebApp } from './browser';

interface Hit {
  resource: { id: string; name: string; organization: { id: string } };
  location: { id: string } | null;
}

/** The search Find runs for "A bed tonight" near Oakland with "Has beds" and "Accepts referrals". */
const BEDS_SEARCH = `/?need=bed&beds=1&referrals=1&lat=${OAKLAND.latitude}&lng=${OAKLAND.longitude}`;

/**
 * The Answer workspace in a real Chromium, against the real gateway, every subgraph and the sample
 * directory: a partner of a sample listing's organization answers a referral a planner sent with
 * consent (by keyboard alone), sees a stale step refused and what changed instead, sets the
 * listing's beds to 0 and sees it leave Find's "has beds" search, invites a member and creates an
 * API key that then works. English and Spanish, at a phone's size.
 */
describe('the web app: Answer', () => {
  const app = useWebApp({ mail: true });
  let stack: TestStack;
  let base: string;
  let mail: WebApp['mail'];
  let partner: TestUser;
  let listing: Hit;
  let planner: string;
  const phone = (locale: string): Promise<Page> => app.phone(locale);

  const refer = async (name: string): Promise<string> => {
    const input = {
      person: {
        displayName: name,
        preferredLanguage: 'es',
        contactMethod: 'PHONE',
        contact: '+1 510 555 0100',
        contactAllowed: true,
      },
      needs: ['emergency-shelter'],
      resourceId: listing.resource.id,
      locationId: listing.location?.id,
      setting: 'JAIL',
      expectedDischargeAt: new Date(Date.now() + 86_400_000).toISOString(),
      urgency: 'URGENT',
      consent: consentInput({ information: ['IDENTITY', 'CONTACT', 'NEEDS', 'DISCHARGE_PLAN'] }),
    };
    const created = await stack.gql<CreateReferralData>(
      CREATE_REFERRAL,
      { input, key: randomUUID() },
      planner,
    );
    return ok(created).createReferral.id;
  };

  const signIn = async (page: Page, lang = 'en') => {
    await page.goto(`${base}/sign-in?lang=${lang}`);
    await page.locator('#email').fill(partner.email);
    await page.locator('#password').fill(partner.password);
    await page.locator('form button[type=submit]').click();
    // Checking a password takes a memory-hard hash: a second or more on a busy machine.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/inbox');
  };

  beforeAll(async () => {
    ({ stack, base, mail } = app);
    const { body } = await stack.gql<{ searchResources: { hits: Hit[] } }>(
      `query($input: ResourceSearchInput!) { searchResources(input: $input) {
        hits { resource { id name organization { id } } location { id } } } }`,
      {
        input: {
          categories: ['emergency-shelter'],
          near: { lat: OAKLAND.latitude, lng: OAKLAND.longitude },
          radiusKm: 40,
          sort: 'DISTANCE',
          hasCapacity: true,
          acceptsReferrals: true,
          first: 1,
        },
      },
    );
    listing = body.data!.searchResources.hits[0];
    partner = await createUser(stack, {
      roles: ['partner'],
      organizationId: listing.resource.organization.id,
      manager: true,
    });
    planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
  }, 180_000);

  it('a partner accepts a referral by keyboard alone, then completes it with an outcome', async () => {
    await refer('Maria G.');
    const page = await phone('en-US');
    await signIn(page);
    const waiting = page.getByRole('region', { name: /Waiting for an answer/ });
    const link = waiting.getByRole('link', { name: 'Maria G.' });
    await link.waitFor();
    expect(await waiting.innerText()).toMatch(/Just arrived|Waiting \d+ minutes?/);
    expect(await waiting.innerText()).toMatch(/Leaves jail: /);
    await check(page, 'answer-inbox-en');

    // Keyboard alone: Tab to the referral, Enter, Tab to Accept, Enter.
    const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    for (let i = 0; i < 40 && (await focused()) !== 'Maria G.'; i++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('Maria G.');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Maria G.' }).waitFor();
    expect(await page.getByText(/Consent shares who the person is, contact details/).count()).toBe(
      1,
    );
    expect(await page.getByText('Phone: +1 510 555 0100').count()).toBe(1);
    await check(page, 'answer-referral-en');
    for (let i = 0; i < 40 && (await focused()) !== 'Accept'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Accept');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Done: Accepted.').waitFor();
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /Accepted · by a partner/ })
        .count(),
    ).toBe(1);

    // Completing asks for the outcome the lifecycle requires, and nothing more.
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByLabel('Outcome').selectOption({ label: 'Service provided' });
    await check(page, 'answer-complete-en');
    await page.locator('form').getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('status').getByText('Done: Completed.').waitFor();
    expect(await page.getByText('There is nothing more for your organization to do.').count()).toBe(
      1,
    );
  }, 120_000);

  it('shows what changed instead of overwriting a step someone else took first', async () => {
    const id = await refer('Ana R.');
    const page = await phone('en-US');
    await signIn(page);
    await page.goto(`${base}/inbox?referral=${id}`);
    await page.getByRole('button', { name: 'Decline' }).waitFor();
    // A colleague accepts it from another phone meanwhile.
    const colleague = await stack.token({
      roles: ['partner'],
      org: listing.resource.organization.id,
    });
    ok(
      await stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
        { id },
        colleague,
      ),
    );
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByLabel('Reason').selectOption('NO_CAPACITY');
    await page.locator('form').getByRole('button', { name: 'Decline' }).click();
    const alert = page.getByRole('alert');
    await alert
      .getByText(/Someone else changed this referral first\. It is now: Accepted/)
      .waitFor();
    expect(await alert.innerText()).toMatch(/changed by a partner/);
    expect(await page.locator('.status-line').innerText()).toBe('Accepted');
    await check(page, 'answer-conflict-en');
    const { body } = await stack.gql<{ referral: { status: string } }>(
      'query($id: ID!) { referral(id: $id) { status } }',
      { id },
      colleague,
    );
    expect(body.data?.referral.status).toBe('ACCEPTED');
  }, 90_000);

  it('sets a listing’s beds to 0, and Find’s “has beds” search leaves it out', async () => {
    const page = await phone('en-US');
    await page.goto(`${base}${BEDS_SEARCH}`);
    const result = page.locator(`.result-list a[href^="/listing/${listing.resource.id}"]`);
    await result.first().waitFor();

    await signIn(page);
    const card = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { level: 3, name: listing.resource.name, exact: true }),
    });
    const count = card.getByLabel('Beds free');
    await count.waitFor();
    expect(Number(await count.inputValue())).toBeGreaterThan(0);
    await count.fill('1');
    await card.getByRole('button', { name: 'One bed fewer' }).click();
    await card.getByRole('button', { name: 'One bed fewer' }).click();
    expect(await count.inputValue()).toBe('0');
    expect(await card.innerText()).toMatch(/not saved yet/);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').getByText('Saved: 0 beds free.').waitFor();
    expect(await card.innerText()).toMatch(/updated just now/);
    await card.getByRole('button', { name: 'Still accurate' }).click();
    await card.getByText(/^Verified /).waitFor();
    await check(page, 'answer-beds-en');

    // Search catches up through its outbox within a few seconds.
    let left = false;
    for (let i = 0; i < 20 && !left; i++) {
      await page.goto(`${base}${BEDS_SEARCH}`);
      await page.locator('.result-list > li, .no-results').first().waitFor();
      left = (await result.count()) === 0;
      if (!left) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(left).toBe(true);
  }, 120_000);

  it('two partners edit one listing: the second sees both versions side by side and merges', async () => {
    const [first, second] = await Promise.all([phone('en-US'), phone('en-US')]);
    await signIn(first);
    await signIn(second);
    const cardOf = (page: Page) =>
      page.getByRole('listitem').filter({
        has: page.getByRole('heading', { level: 3, name: listing.resource.name, exact: true }),
      });
    const openEditor = async (page: Page) => {
      const card = cardOf(page);
      await card.getByRole('button', { name: 'Edit the listing' }).click();
      await card.getByLabel('Description').waitFor();
      return card;
    };
    const mine = await openEditor(first);
    const theirs = await openEditor(second);

    // The first partner rewrites the description and opens Mondays 7 am to 7 pm.
    await mine.getByLabel('Description').fill('Beds for the night, dinner at 6 pm.');
    const monday = mine.getByRole('group', { name: 'Monday' }).first();
    if (await monday.getByLabel('Closed').isChecked()) await monday.getByLabel('Closed').uncheck();
    await monday.getByLabel('Opens').first().fill('07:00');
    await monday.getByLabel('Closes').first().fill('19:00');
    await check(first, 'answer-edit-en');
    await mine.getByRole('button', { name: 'Save the listing' }).click();
    await mine.getByRole('status').getByText('Your changes to the listing were saved.').waitFor();

    // The second, on the version they opened, rewrites the description too and who can go.
    await theirs.getByLabel('Description').fill('Emergency shelter for adults.');
    await theirs.getByLabel('Who can go').fill('Adults 18 and over; pets welcome.');
    await theirs.getByRole('checkbox', { name: 'Vietnamese' }).check();
    await theirs.getByRole('button', { name: 'Save the listing' }).click();
    const conflict = theirs.getByRole('region', { name: /Someone else saved this listing/ });
    await conflict.waitFor();
    const description = conflict.getByRole('group', { name: 'Description' });
    expect(await description.innerText()).toMatch(
      /Yours\s+Emergency shelter for adults\.[\s\S]*Saved by someone else\s+Beds for the night, dinner at 6 pm\./,
    );
    // Only the field both changed is asked about; the others are kept and said so.
    expect(await conflict.getByRole('group').count()).toBe(1);
    expect(await conflict.innerText()).toMatch(
      /Your other changes are kept: Who can go and Languages/,
    );
    await check(second, 'answer-edit-conflict-en');
    await description.getByLabel('Take theirs').check();
    await theirs.getByRole('button', { name: 'Save these choices' }).click();
    await theirs.getByRole('status').getByText('Your changes to the listing were saved.').waitFor();

    const saved = await stack.gql<{
      resource: {
        description: string;
        eligibilityDescription: string;
        languages: string[];
        locations: { schedule: { weekly: { day: string; opensAt: string; closesAt: string }[] } }[];
      };
    }>(
      `query($id: ID!) { resource(id: $id) { description eligibilityDescription languages
        locations { schedule { weekly { day opensAt closesAt } } } } }`,
      { id: listing.resource.id },
    );
    const resource = ok(saved).resource;
    expect(resource.description).toBe('Beds for the night, dinner at 6 pm.');
    expect(resource.eligibilityDescription).toBe('Adults 18 and over; pets welcome.');
    expect(resource.languages).toContain('vi');
    const mondays = resource.locations[0].schedule.weekly.filter((h) => h.day === 'MONDAY');
    expect(mondays[0]).toMatchObject({ opensAt: '07:00', closesAt: '19:00' });
  }, 150_000);

  it('a manager invites a member and creates an API key that then works, then revokes it', async () => {
    const page = await phone('en-US');
    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Organization' }).click();
    await page.getByRole('heading', { name: /^People \(\d+\)$/ }).waitFor();
    await check(page, 'answer-org-en');

    const email = `night.${randomUUID().slice(0, 8)}@example.org`;
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('May manage people and API keys').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    expect((await mail.mailTo(email)).text).toMatch(/invitation=/);
    expect(await page.getByText(email, { exact: true }).count()).toBe(1);

    await page.getByLabel('Name (what uses it)').fill('Bed board');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByLabel('Your new key').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('heading', { level: 3, name: /Bed board/ }).waitFor();
    await check(page, 'answer-key-en');

    const withKey = (key: string) =>
      stack.gql<{ updateCapacity: { capacity: { available: number } } }>(
        'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 2 }) { capacity { available } } }',
        { id: listing.resource.id },
        key,
      );
    const used = await withKey(secret);
    expect(ok(used).updateCapacity.capacity.available).toBe(2);

    // Revoking asks first; then the key stops working at once.
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 3, name: /Bed board/ }).count())
      .toBe(0);
    const refused = await withKey(secret);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 120_000);

  it('speaks Spanish on every screen of the workspace', async () => {
    const id = await refer('Lucía P.');
    const page = await phone('es-MX');
    await signIn(page, 'es');
    await page.getByRole('heading', { name: /Esperando respuesta/ }).waitFor();
    expect(await page.getByRole('heading', { name: 'Camas y servicios' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Sigue siendo correcto' }).first().waitFor();
    await check(page, 'answer-inbox-es');
    await page.getByRole('button', { name: 'Editar el servicio' }).first().click();
    await page.getByRole('group', { name: 'lunes' }).first().waitFor();
    // The languages a partner can tick arrive with their names just after the form.
    await page.getByRole('checkbox', { name: 'vietnamita' }).first().waitFor();
    await check(page, 'answer-edit-es');
    await page.getByRole('button', { name: 'Cancelar' }).first().click();
    await page.getByRole('link', { name: 'Lucía P.' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lucía P.' }).waitFor();
    expect(new URL(page.url()).searchParams.get('referral')).toBe(id);
    await page.getByText(/El consentimiento comparte quién es la persona/).waitFor();
    await page.getByRole('button', { name: 'Rechazar' }).click();
    await page.getByLabel('Motivo').waitFor();
    await check(page, 'answer-referral-es');
    await page.goto(`${base}/org?lang=es`);
    await page.getByRole('heading', { name: /^Personas \(\d+\)$/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Enviar invitación' }).count()).toBe(1);
    await check(page, 'answer-org-es');
  }, 90_000);
  // Last: it fills the organization's inbox past one page.
  it('pages through a long inbox with “Show more”, and names needs in words', async () => {
    for (let i = 0; i < 51; i += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, 51 - i) }, (_, j) => refer(`Paged ${i + j}.`)),
      );
    const page = await phone('en-US');
    await signIn(page);
    const items = page.locator('section[aria-labelledby^="inbox-"] li.result');
    const more = page.getByRole('button', { name: 'Show more' });
    await more.waitFor();
    expect(await items.count()).toBe(50);
    const shown = await page.getByText(/^Showing 50 of \d+$/).innerText();
    const total = Number(/of (\d+)/.exec(shown)?.[1]);
    expect(total).toBeGreaterThan(50);
    expect(await page.getByText('Needs: Emergency shelter').count()).toBeGreaterThan(0);
    await check(page, 'answer-inbox-paged-en');
    await more.click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(total);
    expect(await more.count()).toBe(0);
  }, 180_000);
});
