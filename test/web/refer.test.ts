import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createUser, type TestUser } from '../accounts/support';
import { consentInput, CREATE_REFERRAL, ok, type CreateReferralData } from '../support/referrals';
import type { TestStack } from '../support/stack';
import { check, fillSignIn, useWebApp } from './browser';

interface Listings {
  resources: {
    nodes: {
      id: string;
      name: string;
      acceptsReferrals: boolean;
      organization: { id: string };
      categories: { id: string }[];
    }[];
  };
}

interface ReferralsAnswer {
  referrals: { nodes: { id: string; version: number; person: { displayName: string } | null }[] };
}

/**
 * The Refer workspace in a real Chromium, through the real gateway and subgraphs: a discharge
 * planner refers a person from a listing with their consent, follows the referral as the receiving
 * organization answers, in English and Spanish, from the keyboard, and with the signal dropping.
 */
describe('the web app: referring someone', () => {
  const app = useWebApp();
  let stack: TestStack;
  let base: string;
  let planner: TestUser;
  let listing: Listings['resources']['nodes'][number];
  let plannerToken: string;
  const phone = (locale: string): Promise<Page> => app.phone(locale);

  beforeAll(async () => {
    ({ stack, base } = app);
    const { body } = await stack.gql<Listings>(
      '{ resources(first: 100) { nodes { id name acceptsReferrals organization { id } categories { id } } } }',
    );
    const found = body.data!.resources.nodes.find(
      (node) => node.acceptsReferrals && node.categories.length > 0,
    );
    if (!found) throw new Error('The sample directory has no listing that accepts referrals.');
    listing = found;
    planner = await createUser(stack, { roles: ['discharge_planner'] });
    plannerToken = await stack.token({ sub: planner.id, roles: ['discharge_planner'] });
  }, 180_000);

  const signIn = async (page: Page, next: string, lang: 'en' | 'es' = 'en') => {
    await page.goto(`${base}/sign-in?next=${encodeURIComponent(next)}&lang=${lang}`);
    await fillSignIn(page, planner, lang);
    // Signing in hashes the password: on a busy machine that takes a few seconds.
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 15_000 })
      .toBe(next.split('?')[0]);
  };

  /** Tab (the keyboard alone) until the focus is on what `selector` finds. */
  const tabTo = async (page: Page, selector: string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const there = await page.evaluate<boolean>(
        `document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`,
      );
      if (there) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };

  const fillPerson = async (page: Page, name: string) => {
    await page.getByLabel('What to call them').fill(name);
    await page.getByLabel('Phone number').fill('(510) 555-0199');
    const needs = page.getByRole('group', { name: 'What they need here' }).getByRole('checkbox');
    if (!(await needs.first().isChecked())) await needs.first().check();
    await page.getByLabel('Discharge date').fill(nextWeek());
  };

  const fillConsent = async (page: Page) => {
    await page.getByLabel('Who shares the information').fill('Highland Hospital Social Work');
    await page.getByLabel('Why it is shared').fill('to arrange housing after discharge');
    await page.getByRole('checkbox', { name: /I told .* they can take it back/ }).check();
  };

  const referrals = async () => {
    const { body } = await stack.gql<ReferralsAnswer>(
      '{ referrals(first: 100) { nodes { id version person { displayName } } } }',
      {},
      plannerToken,
    );
    return body.data!.referrals.nodes;
  };

  it('a planner refers from a listing with consent, and follows it as the organization accepts', async () => {
    const page = await phone('en-US');
    await signIn(page, `/listing/${listing.id}`);
    await page.getByRole('link', { name: 'Refer', exact: true }).click();
    await page.getByRole('heading', { name: 'Refer someone' }).waitFor();

    // Nothing the API would refuse leaves the form: the fields say what is missing.
    await page.getByLabel('What to call them').fill('');
    const needs = page.getByRole('group', { name: 'What they need here' }).getByRole('checkbox');
    for (const box of await needs.all()) await box.uncheck();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('alert').getByText('Check the 3 fields marked below.').waitFor();
    const name = page.getByLabel('What to call them');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => isFocused(name), { timeout: 10_000 }).toBe(true);
    await check(page, 'refer-person-errors-en');

    await fillPerson(page, 'Maria G.');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Consent to share' }).waitFor();
    await page.getByText(/Federal law \(42 CFR Part 2\)/).waitFor();
    await fillConsent(page);
    await check(page, 'refer-consent-en');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Check and send' }).waitFor();
    await page.getByText('Until it is sent, this referral is kept only on this device').waitFor();
    await check(page, 'refer-review-en');
    await page.getByRole('button', { name: 'Send referral' }).click();

    await page.getByRole('heading', { name: /^Maria G\. → / }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    await page.getByText('Sent', { exact: true }).waitFor();
    // The API's own 42 CFR Part 2 notice comes with the person's details.
    await page.getByText(/protected by Federal confidentiality rules \(42 CFR part 2\)/).waitFor();
    await check(page, 'referral-sent-en');

    await page.getByRole('link', { name: 'My referrals' }).first().click();
    const item = page.getByRole('listitem').filter({ hasText: 'Maria G.' });
    await item.getByText('Sent').waitFor();
    await item.getByText(/Sent just now|Waiting \d+ (minute|hour)s?/).waitFor();
    await check(page, 'my-referrals-en');

    // The receiving organization accepts it, through the API.
    const partner = await stack.token({
      sub: 'partner-night-desk',
      roles: ['partner'],
      org: listing.organization.id,
    });
    const [mine] = (await referrals()).filter((referral) => referral.id === id);
    const accepted = await stack.gql<{ transitionReferral: { status: string } }>(
      'mutation($id: ID!, $v: Int!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: $v) { status } }',
      { id, v: mine.version },
      partner,
    );
    expect(accepted.body.errors).toBeUndefined();

    await item.getByRole('link').click();
    const timeline = page.getByRole('list').filter({ hasText: 'Created: sent' });
    await timeline.getByText('Accepted').waitFor();
    await timeline.getByText(/Receiving organization ·/).waitFor();
    expect(await timeline.getByText(/^You ·/).count()).toBeGreaterThan(0);
    await page.getByText('Accepted', { exact: true }).first().waitFor();

    // A note, as the planner.
    await page.getByLabel('Add a note').fill('She prefers mornings.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('She prefers mornings.').waitFor();
    await check(page, 'referral-accepted-en');
  }, 120_000);

  it('the bell counts what changed on my referrals, and the list marks it read', async () => {
    const created = await stack.gql<CreateReferralData>(
      CREATE_REFERRAL,
      {
        input: {
          person: {
            displayName: 'Bell B.',
            contactMethod: 'THROUGH_REFERRER',
            contactAllowed: false,
          },
          needs: [listing.categories[0].id],
          resourceId: listing.id,
          setting: 'HOSPITAL',
          urgency: 'ROUTINE',
          consent: consentInput(),
        },
        key: randomUUID(),
      },
      plannerToken,
    );
    const id = ok(created).createReferral.id;
    const page = await phone('en-US');
    await signIn(page, '/referrals');
    const bell = page.getByRole('navigation').getByRole('link', { name: /^Notifications/ });
    const unread = async () => {
      const name = (await bell.getAttribute('aria-label')) ?? '';
      return Number(/(\d+) unread/.exec(name)?.[1] ?? 0);
    };
    await bell.waitFor();
    const before = await unread();

    const partner = await stack.token({
      sub: 'partner-bell-desk',
      roles: ['partner'],
      org: listing.organization.id,
    });
    ok(
      await stack.gql(
        'mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }',
        { id },
        partner,
      ),
    );
    // The dispatcher writes the feed in the background: wait until the API counts it.
    await expect
      .poll(
        async () => {
          const { body } = await stack.gql<{ unreadNotificationCount: number }>(
            '{ unreadNotificationCount }',
            {},
            plannerToken,
          );
          return body.data?.unreadNotificationCount ?? JSON.stringify(body.errors);
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(before);
    // The count is asked again as the planner moves around the app.
    await expect
      .poll(
        async () => {
          const nav = page.getByRole('navigation');
          await nav.getByRole('link', { name: 'Referrals', exact: true }).click();
          await page.getByRole('heading', { level: 1, name: 'My referrals' }).waitFor();
          await page.getByRole('link', { name: 'Find help' }).first().click();
          await page.getByRole('searchbox', { name: 'Search' }).waitFor();
          // The count's answer comes a moment after the screen.
          await page.waitForTimeout(300);
          return unread();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toBeGreaterThan(before);
    await check(page, 'notifications-bell-en');

    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: 'Referral accepted' }).first();
    await item.getByText('New').waitFor();
    const link = item.getByRole('link', { name: `Referral to ${listing.name}` });
    await link.waitFor();
    await check(page, 'notifications-en');
    // What the screen showed is now read: the count goes down.
    await expect.poll(unread, { timeout: 10_000 }).toBe(0);
    expect(await bell.getAttribute('aria-label')).toBe('Notifications');
    await link.click();
    await page.getByRole('heading', { name: /^Bell B\. → / }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/referrals/${id}`);

    // The listings' names come with the page: one request for the whole list, not one per referral.
    const operations: string[] = [];
    page.on('request', (request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const { query } = (request.postDataJSON() ?? {}) as { query?: string };
      operations.push(/^\s*(query|mutation)\s+(\w+)/.exec(query ?? '')?.[2] ?? '?');
    });
    await page.goto(`${base}/notifications?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Notificaciones' }).waitFor();
    await page.getByText('Referido aceptado').first().waitFor();
    await page
      .getByRole('link', { name: `Referido a ${listing.name}` })
      .first()
      .waitFor();
    expect(operations.filter((name) => name === 'Notifications')).toHaveLength(1);
    expect(operations.filter((name) => /Referral/.test(name))).toEqual([]);
    await check(page, 'notifications-es');
  }, 120_000);

  it('suggests peers with the API’s reasons, and assigns one that the timeline then shows', async () => {
    const admin = await stack.token({ roles: ['admin'] });
    const peer = await stack.gql<{ upsertPeerProfile: { id: string } }>(
      'mutation($input: PeerProfileInput!) { upsertPeerProfile(input: $input) { id } }',
      {
        input: {
          displayName: 'Rafael T.',
          pronouns: 'he/him',
          languages: ['es', 'en'],
          livedExperience: ['JUSTICE_INVOLVEMENT'],
          caseloadCapacity: 12,
          availability: 'AVAILABLE',
        },
      },
      admin,
    );
    ok(peer);
    const created = await stack.gql<CreateReferralData>(
      CREATE_REFERRAL,
      {
        input: {
          person: {
            displayName: 'Peer P.',
            preferredLanguage: 'es',
            contactMethod: 'THROUGH_REFERRER',
            contactAllowed: false,
          },
          needs: [listing.categories[0].id],
          resourceId: listing.id,
          setting: 'JAIL',
          urgency: 'ROUTINE',
          consent: consentInput(),
        },
        key: randomUUID(),
      },
      plannerToken,
    );
    const id = ok(created).createReferral.id;
    const page = await phone('en-US');
    await signIn(page, `/referrals/${id}`);
    const peers = page.getByRole('region', { name: 'Suggested peers' });
    const rafael = peers.getByRole('listitem').filter({ hasText: 'Rafael T.' }).first();
    await rafael.waitFor();
    expect(await rafael.innerText()).toMatch(/Language: speaks Spanish/i);
    expect(await rafael.innerText()).toMatch(/Lived experience: /);
    await check(page, 'referral-peers-en');
    await rafael.getByRole('button', { name: 'Assign Rafael T.' }).click();
    await rafael.getByText('Assigned to this referral').waitFor();
    await page.getByRole('definition').filter({ hasText: 'Rafael T.' }).waitFor();
    const timeline = page.getByRole('list').filter({ hasText: 'Created: sent' });
    await timeline.getByText('Peer assigned').waitFor();

    await page.goto(`${base}/referrals/${id}?lang=es`);
    await page.getByRole('region', { name: 'Especialistas sugeridos' }).waitFor();
    await page.getByText('Asignado a este referido').waitFor();
    // The reasons in Spanish too, said by the app from the facts the API gives with each.
    const rafaelEs = page.getByRole('listitem').filter({ hasText: 'Rafael T.' }).first();
    expect(await rafaelEs.innerText()).toMatch(/Idioma: habla español/);
    expect(await rafaelEs.innerText()).toMatch(/Lugares libres: \d+ de \d+\n/);
    expect(await rafaelEs.innerText()).not.toMatch(/speaks|places free/);
    await check(page, 'referral-peers-es');
  }, 120_000);

  it('walks through the consent step from the keyboard alone, refusing an expiry in the past', async () => {
    const page = await phone('en-US');
    await signIn(page, `/referrals/new?resource=${encodeURIComponent(listing.id)}`);
    await page.getByRole('heading', { name: 'The person' }).waitFor();
    await fillPerson(page, 'Keyboard K.');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Consent to share' });
    await heading.waitFor();
    await expect.poll(() => isFocused(heading), { timeout: 10_000 }).toBe(true);

    await tabTo(page, '#field-consent-disclosingParty');
    await page.keyboard.type('Highland Hospital Social Work');
    await tabTo(page, '#field-consent-purpose');
    await page.keyboard.type('to arrange housing after discharge');
    // An expiry that has passed: yesterday, typed into the date field segment by segment.
    await tabTo(page, '#field-consent-expiresAt');
    const yesterday = new Date(Date.now() - 86_400_000);
    await page.keyboard.type(
      `${pad(yesterday.getMonth() + 1)}${pad(yesterday.getDate())}${yesterday.getFullYear()}`,
    );
    await tabTo(page, '#field-consent-revocationAcknowledged');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Check the field marked below.').waitFor();
    const expiry = page.locator('#field-consent-expiresAt');
    expect(await expiry.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => isFocused(expiry), { timeout: 10_000 }).toBe(true);
    await page.getByText('Choose a day after today.').waitFor();
    expect(await expiry.getAttribute('aria-describedby')).toContain('error-consent-expiresAt');
    await check(page, 'refer-consent-expired-en');

    const later = new Date(Date.now() + 30 * 86_400_000);
    await page.keyboard.type(
      `${pad(later.getMonth() + 1)}${pad(later.getDate())}${later.getFullYear()}`,
    );
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    const review = page.getByRole('heading', { name: 'Check and send' });
    await review.waitFor();
    await expect.poll(() => isFocused(review), { timeout: 10_000 }).toBe(true);
    await tabTo(page, 'button.primary');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Keyboard K\. → / }).waitFor();
  }, 90_000);

  it('speaks Spanish in the form and in My referrals', async () => {
    const page = await phone('es-MX');
    await signIn(page, `/referrals/new?resource=${encodeURIComponent(listing.id)}`, 'es');
    await page.getByRole('heading', { name: 'Referir a alguien' }).waitFor();
    const needs = page.getByRole('group', { name: 'Qué necesita aquí' }).getByRole('checkbox');
    for (const box of await needs.all()) await box.uncheck();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('alert').getByText('Revise los 3 campos marcados abajo.').waitFor();
    await page.getByText('Complete este campo.').first().waitFor();
    await check(page, 'refer-person-errors-es');

    await page.getByLabel('Cómo llamarle').fill('Rosa M.');
    await page.getByLabel('Número de teléfono').fill('510 555 0123');
    await needs.first().check();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { name: 'Consentimiento para compartir' }).waitFor();
    await page.getByText(/La ley federal \(42 CFR Parte 2\)/).waitFor();
    await check(page, 'refer-consent-es');
    await page.getByLabel('Quién comparte la información').fill('Trabajo Social');
    await page.getByLabel('Para qué se comparte').fill('para conseguir vivienda');
    await page.getByRole('checkbox', { name: /Le dije a Rosa M\. que puede retirarlo/ }).check();
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('heading', { name: 'Revisar y enviar' }).waitFor();
    await check(page, 'refer-review-es');
    await page.getByRole('button', { name: 'Enviar referido' }).click();
    await page.getByRole('heading', { name: /^Rosa M\. → / }).waitFor();
    await page.getByText('Enviado', { exact: true }).waitFor();
    await check(page, 'referral-sent-es');
    await page.getByRole('link', { name: 'Mis referidos' }).first().click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Rosa M.' })
      .getByText(/Enviado ahora mismo|Esperando/)
      .waitFor();
    await check(page, 'my-referrals-es');
  }, 90_000);

  it('keeps a referral written offline on the device and sends it once when back online', async () => {
    const page = await phone('en-US');
    await signIn(page, `/referrals/new?resource=${encodeURIComponent(listing.id)}`);
    await fillPerson(page, 'Offline O.');
    await page.getByRole('button', { name: 'Next' }).click();
    await fillConsent(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Check and send' }).waitFor();

    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('heading', { name: 'Waiting for a connection' }).waitFor();
    await page.getByText(/saved on this device only\. It will be sent once/).waitFor();
    await check(page, 'refer-queued-en');
    // Kept on this device, not yet at the API.
    expect(await page.evaluate<string | null>(`localStorage.getItem('refer:outbox')`)).toContain(
      'Offline O.',
    );
    expect((await referrals()).filter((r) => r.person?.displayName === 'Offline O.')).toEqual([]);

    await page.context().setOffline(false);
    await expect
      .poll(
        async () =>
          (await referrals()).filter((r) => r.person?.displayName === 'Offline O.').length,
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    await expect
      .poll(() => page.evaluate<string | null>(`localStorage.getItem('refer:outbox')`), {
        timeout: 10_000,
      })
      .toBeNull();

    // Starting the app again (and going online again) sends nothing more.
    await page.goto(`${base}/referrals`);
    await page.getByRole('listitem').filter({ hasText: 'Offline O.' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Not sent yet' }).count()).toBe(0);
    expect((await referrals()).filter((r) => r.person?.displayName === 'Offline O.')).toHaveLength(
      1,
    );
  }, 90_000);
});

/** Whether the element has the keyboard's focus. */
const isFocused = async (locator: Locator): Promise<boolean> => {
  const id = await locator.getAttribute('id');
  return locator.page().evaluate<boolean>(`document.activeElement?.id === ${JSON.stringify(id)}`);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A week from today, as a date field holds it (yyyy-mm-dd, local). */
function nextWeek(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
