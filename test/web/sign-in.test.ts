import type { Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider } from '../accounts/oidc-provider';
import { createUser, linkToken, uniqueEmail, type TestUser } from '../accounts/support';
import type { TestStack } from '../support/stack';
import { check, useWebApp, type WebApp } from './browser';

/**
 * Signing in and out of the web app in a real Chromium, through the real gateway and accounts
 * subgraph: the session cookie the browser keeps (the app never sees it), the CSRF header it sends,
 * the errors a person can act on, in English and Spanish; joining by an invitation that arrives by
 * mail over SMTP.
 */
describe('the web app: signing in', () => {
  const app = useWebApp({ mail: true });
  let stack: TestStack;
  let base: string;
  let mail: WebApp['mail'];
  let planner: TestUser;
  const phone = (locale: string): Promise<Page> => app.phone(locale);

  beforeAll(async () => {
    ({ stack, base, mail } = app);
    planner = await createUser(stack, { roles: ['discharge_planner'] });
  }, 180_000);

  it('a planner signs in from a screen that needs it, lands back there, and signs out', async () => {
    const page = await phone('en-US');
    await page.goto(`${base}/referrals`);
    await page.getByText('Sign in to use your referrals.').waitFor();
    const config = page.waitForResponse((response) => response.url().endsWith('/auth/config'));
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.searchParams.get('next') === '/referrals');
    // No identity provider here: the gateway says so, and there is no single sign-on button.
    expect(await (await config).json()).toEqual({ oidc: false });
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('link', { name: /organization’s account/ }).count()).toBe(0);
    await check(page, 'sign-in-en');

    await page.getByLabel('Email').fill(planner.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all, sorry');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('The email or password is not right.').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'sign-in-wrong-en');

    await page.getByLabel('Password', { exact: true }).fill(planner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in hashes the password on purpose slowly: the page's own timeout, not poll's second.
    await page.waitForURL((url) => url.pathname === '/referrals');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Referrals' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Inbox' }).count()).toBe(0);
    // The cookie is the browser's alone: HttpOnly, so the page's scripts cannot read it.
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(await page.evaluate<string>('document.cookie')).toBe('');

    // Still signed in after a reload; signed out everywhere after "Sign out".
    await page.reload();
    await nav.getByRole('button', { name: 'Sign out' }).click();
    await nav.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
    await page.goto(`${base}/referrals`);
    await page.getByText('Sign in to use your referrals.').waitFor();
  }, 90_000);

  it('speaks Spanish, and asks for a new password by email', async () => {
    const page = await phone('es-MX');
    await page.goto(`${base}/sign-in`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
    await page.getByLabel('Correo electrónico').fill(planner.email);
    await page.getByLabel('Contraseña', { exact: true }).fill('esta no es la contraseña');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByText('El correo o la contraseña no son correctos.').waitFor();
    await check(page, 'sign-in-wrong-es');

    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await page.getByLabel('Correo electrónico').fill(planner.email);
    await page.getByRole('button', { name: 'Enviarme un enlace' }).click();
    await page.getByText(/le enviamos un enlace/).waitFor();
    await check(page, 'password-reset-es');
    const token = linkToken(await mail.mailTo(planner.email), 'reset');

    await page.goto(`${base}/sign-in?reset=${encodeURIComponent(token)}`);
    await page.getByLabel('Contraseña nueva').fill('password');
    await page.getByRole('button', { name: /Guardar la contraseña/ }).click();
    await page.getByText(/Elija una contraseña de al menos 15 caracteres/).waitFor();
    await check(page, 'new-password-es');
    await page.getByLabel('Contraseña nueva').fill('the lighthouse keeps its lamp lit');
    await page.getByRole('button', { name: /Guardar la contraseña/ }).click();
    await page.getByText('Su contraseña cambió. Inicie sesión con la nueva.').waitFor();
    await page.getByLabel('Correo electrónico').fill(planner.email);
    await page.getByLabel('Contraseña', { exact: true }).fill('the lighthouse keeps its lamp lit');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL((url) => url.pathname === '/referrals');
    await page.getByRole('navigation').getByRole('button', { name: 'Cerrar sesión' }).waitFor();
    planner = { ...planner, password: 'the lighthouse keeps its lamp lit' };
  }, 90_000);

  it('a new partner joins by the invitation mailed to them, from the keyboard alone', async () => {
    const { body } = await stack.gql<{ resources: { nodes: { organization: { id: string } }[] } }>(
      '{ resources(first: 1) { nodes { organization { id } } } }',
    );
    const organizationId = body.data!.resources.nodes[0].organization.id;
    const email = uniqueEmail('night.staff');
    const admin = await stack.token({ sub: 'admin-1', roles: ['admin'] });
    const invited = await stack.gql(
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }`,
      { input: { email, role: 'PARTNER', organizationId } },
      admin,
    );
    expect(invited.body.errors).toBeUndefined();
    const token = linkToken(await mail.mailTo(email), 'invitation');

    const page = await phone('en-US');
    await page.goto(`${base}/sign-in?invitation=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Join your team' }).waitFor();
    await check(page, 'join-en');
    const focused = () => page.evaluate<string>('document.activeElement?.id ?? ""');
    for (let i = 0; i < 20 && (await focused()) !== 'display-name'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.type('Marisol Vega');
    await page.keyboard.press('Tab');
    await page.keyboard.type('night shift at the harbor shelter');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/inbox');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox' }).waitFor();

    // The link works once: a second visit says so.
    const other = await phone('en-US');
    await other.goto(`${base}/sign-in?invitation=${encodeURIComponent(token)}`);
    await other.getByLabel('Your name').fill('Someone Else');
    await other.getByLabel('New password').fill('another long passphrase to try');
    await other.getByRole('button', { name: 'Create my account' }).click();
    await other.getByText('This invitation was already used. Sign in instead.').waitFor();
  }, 90_000);
});

describe('the web app: single sign-on', () => {
  let idp: Awaited<ReturnType<typeof startIdentityProvider>> | undefined;
  const app = useWebApp({
    gateway: async () => {
      idp = await startIdentityProvider();
      return {
        oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
      };
    },
  });
  beforeAll(() => idp!.register(new URL('/auth/oidc/callback', app.stack.gatewayUrl).href));
  afterAll(() => idp?.close());

  it('offers the organization’s sign-in when one is configured, and lands where the person was going', async () => {
    const planner = await createUser(app.stack, { roles: ['discharge_planner'] });
    idp!.signInAs(randomUUID(), { email: planner.email, email_verified: true });
    const page = await app.phone('en-US');
    await page.goto(`${app.base}/referrals`);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    const sso = page.getByRole('link', { name: 'Sign in with your organization’s account' });
    await sso.waitFor();
    expect(new URL((await sso.getAttribute('href'))!, app.base).searchParams.get('next')).toBe(
      '/referrals',
    );
    await check(page, 'sign-in-sso-en');
    await sso.click();
    await page.getByRole('heading', { level: 1, name: 'My referrals' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/referrals');

    const spanish = await app.phone('es-MX');
    await spanish.goto(`${app.base}/sign-in?lang=es`);
    await spanish
      .getByRole('link', { name: 'Iniciar sesión con la cuenta de su organización' })
      .waitFor();
    await check(spanish, 'sign-in-sso-es');
  }, 90_000);
});
