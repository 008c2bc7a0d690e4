import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LivedExperienceArea } from '../../subgraphs/peers/peer/peer.enums';
import { Peer } from '../../subgraphs/peers/peer/peer.entity';
import { createUser, type TestUser } from '../accounts/support';
import { check, fillSignIn, useWebApp } from './browser';

interface Listings {
  searchResources: { hits: { resource: { id: string; name: string } }[] };
}

/**
 * Saved places in a real Chromium through the real gateway and subgraphs: a peer finds a bed
 * tonight near a point, saves it to a folder with a note, sees it in /saved, renames and removes
 * folders, and reads the list and the listing with the network gone; English and Spanish.
 */
describe('the web app: saved places', () => {
  const app = useWebApp();

  /** A peer with a profile in the peers subgraph and an account that signs in as them. */
  const newPeer = async (): Promise<TestUser & { peerId: string }> => {
    const em = app.stack.subgraphs.peers.orm.em.fork();
    const organizationId = randomUUID();
    const peer = em.create(Peer, {
      displayName: `Peer ${randomBytes(2).toString('hex')}`,
      organizationId,
      languages: ['en', 'es'],
      livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
      certifications: [],
      serviceLatitude: 37.8044,
      serviceLongitude: -122.2712,
      serviceRadiusKm: 20,
      caseloadCapacity: 10,
      currentCaseload: 0,
    });
    await em.flush();
    const user = await createUser(app.stack, { roles: ['peer'], peerId: peer.id, organizationId });
    return { ...user, peerId: peer.id };
  };

  const signIn = (page: Page, user: TestUser, lang: 'en' | 'es') => fillSignIn(page, user, lang);

  /** "A bed tonight" near where the phone is (Oakland), then the first result's listing. */
  const findBedAndOpen = async (page: Page, lang: 'en' | 'es'): Promise<string> => {
    await page.goto(`${app.base}/?lang=${lang}`);
    await page
      .getByRole('button', { name: lang === 'en' ? 'A bed tonight' : 'Una cama esta noche' })
      .click();
    await page.getByRole('button', { name: lang === 'en' ? 'Near me' : 'Cerca de mí' }).click();
    // The results near the phone, not those of the bed search before the location came.
    await page
      .locator('#results-heading', { hasText: lang === 'en' ? 'Near you' : 'Cerca de usted' })
      .waitFor();
    const link = page.locator('.result-list > li').first().getByRole('link');
    await link.waitFor();
    // No tile server configured (MAP_TILE_URL): no map to offer.
    expect(await page.getByRole('button', { name: /^(Map|Mapa)$/ }).count()).toBe(0);
    const name = (await link.innerText()).trim();
    await link.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(name);
    return name;
  };

  it('a peer saves a bed to a new folder, finds it in Saved, and still reads it offline', async () => {
    const peer = await newPeer();
    const page = await app.phone('en-US');

    // Signed out, Saved asks to sign in and comes back.
    await page.goto(`${app.base}/saved`);
    await page.getByText('Sign in to use your saved places.').waitFor();
    await check(page, 'saved-signed-out-en');
    await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
    await signIn(page, peer, 'en');
    await page.getByText('Nothing saved yet. Open a listing and choose Save.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/saved');

    const name = await findBedAndOpen(page, 'en');
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.click();
    expect(await save.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Name of the new folder').fill('Tonight');
    await page.getByLabel('Note (optional)').fill('Ask for the night manager');
    await page.getByRole('button', { name: 'Save to the folder' }).click();
    await page.getByText('Saved to “Tonight”.').waitFor();
    await check(page, 'save-en');

    await page.getByRole('link', { name: 'See your saved places' }).click();
    const folder = page.getByRole('region', { name: 'Tonight' });
    await folder.getByRole('link', { name }).waitFor();
    expect(await folder.getByText('Note: Ask for the night manager').count()).toBe(1);
    expect(await folder.getByText('1 listing').count()).toBe(1);
    await check(page, 'saved-en');

    // Renaming keeps what is in the folder.
    await page.getByRole('button', { name: 'Rename “Tonight”' }).click();
    await page.getByLabel('New name for “Tonight”').fill('Oakland beds');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await page.getByText('The folder is now “Oakland beds”.').waitFor();
    await page.getByRole('region', { name: 'Oakland beds' }).getByRole('link', { name }).waitFor();

    // The network goes: the list and the listing's page are still there, dated.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.context().setOffline(true);
    await page.reload();
    await page.getByText(/^Saved on .+ — you are offline\.$/).waitFor();
    const offlineFolder = page.getByRole('region', { name: 'Oakland beds' });
    expect(await offlineFolder.getByText('Note: Ask for the night manager').count()).toBe(1);
    // Nothing can be changed offline.
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    await check(page, 'saved-offline-en');
    await offlineFolder.getByRole('link', { name }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(name);
    await page.getByText(/^Saved on .+ — you are offline\.$/).waitFor();
    await check(page, 'listing-offline-en');
    await page.context().setOffline(false);

    // Back online: removing the entry empties the list.
    await page.goto(`${app.base}/saved`);
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    await page.getByText(`${name} was removed from “Oakland beds”.`).waitFor();
    await page.getByText('Nothing saved yet. Open a listing and choose Save.').waitFor();
  }, 120_000);

  it('en español: guarda en una carpeta, ve un servicio que ya no está, y quita la carpeta', async () => {
    const peer = await newPeer();
    const page = await app.phone('es-US');
    await page.goto(`${app.base}/sign-in?lang=es&next=%2F`);
    await signIn(page, peer, 'es');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/');

    const name = await findBedAndOpen(page, 'es');
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByLabel('Nombre de la carpeta nueva').fill('Esta noche');
    await page.getByRole('button', { name: 'Guardar en la carpeta' }).click();
    await page.getByText('Guardado en “Esta noche”.').waitFor();
    await check(page, 'save-es');

    // A second listing, saved through the API, that its organization then takes off the directory.
    const token = await app.stack.token({ sub: randomUUID(), roles: ['admin'] });
    const { body } = await app.stack.gql<Listings>(
      '{ searchResources(input: { categories: ["food"], first: 1 }) { hits { resource { id name } } } }',
    );
    const gone = body.data!.searchResources.hits[0].resource;
    const peerToken = await app.stack.token({
      sub: peer.id,
      roles: ['peer'],
      peer: peer.peerId,
    });
    const saved = await app.stack.gql(
      'mutation($r: ID!) { saveResource(resourceId: $r, folder: "Esta noche") { id } }',
      { r: gone.id },
      peerToken,
    );
    expect(saved.body.errors).toBeUndefined();
    const unlisted = await app.stack.gql(
      'mutation($id: ID!) { setResourceStatus(id: $id, status: INACTIVE) { id } }',
      { id: gone.id },
      token,
    );
    expect(unlisted.body.errors).toBeUndefined();

    await page.getByRole('link', { name: 'Ver sus lugares guardados' }).click();
    const folder = page.getByRole('region', { name: 'Esta noche' });
    await folder.getByRole('link', { name }).waitFor();
    expect(await folder.getByText('Este servicio ya no está en el directorio.').count()).toBe(1);
    expect(await folder.getByText('2 servicios').count()).toBe(1);
    await check(page, 'saved-es');

    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.context().setOffline(true);
    await page.reload();
    await page.getByText(/^Guardado el .+: está sin conexión\.$/).waitFor();
    await page.getByRole('region', { name: 'Esta noche' }).getByRole('link', { name }).waitFor();
    await check(page, 'saved-offline-es');
    await page.context().setOffline(false);

    await page.goto(`${app.base}/saved?lang=es`);
    await page.getByRole('button', { name: 'Quitar “Esta noche”' }).click();
    await page
      .getByText('¿Quitar la carpeta “Esta noche” y los 2 servicios que contiene?')
      .waitFor();
    await check(page, 'saved-remove-folder-es');
    await page.getByRole('button', { name: 'Sí, quitar la carpeta' }).click();
    await page.getByText('Se quitó la carpeta “Esta noche”.').waitFor();
    await page
      .getByText('Todavía no hay nada guardado. Abra un servicio y elija Guardar.')
      .waitFor();

    // Signing out leaves nothing of the list on the phone.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect
      .poll(() => page.evaluate<string | null>(`localStorage.getItem('saved:copy')`))
      .toBeNull();
  }, 120_000);
});
