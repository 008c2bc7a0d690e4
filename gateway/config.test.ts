import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcesConfig } from '../subgraphs/resources/config';
import { gatewayConfig } from './config';
import { withMap } from './web-app';

const dataDir = () => mkdtempSync(join(tmpdir(), 'hub-config-'));

describe('configuration', () => {
  it('in production, the gateway refuses to start and names every missing secret', () => {
    expect(() => gatewayConfig({ NODE_ENV: 'production' })).toThrow(
      /IDENTITY_SIGNING_SECRET[\s\S]*AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    );
  });

  it('in production, the resources subgraph names its missing secret and database', () => {
    expect(() => resourcesConfig({ NODE_ENV: 'production' })).toThrow(
      /IDENTITY_SIGNING_SECRET[\s\S]*RESOURCES_DATABASE_URL or DATABASE_URL/,
    );
  });

  it('a JWKS provider needs its issuer and audience', () => {
    expect(() =>
      gatewayConfig({
        NODE_ENV: 'production',
        IDENTITY_SIGNING_SECRET: 's'.repeat(32),
        AUTH_JWKS_URL: 'https://id.example.org/jwks',
      }),
    ).toThrow(/AUTH_ISSUER[\s\S]*AUTH_AUDIENCE/);
  });

  it('in production, an HS256 secret still needs an issuer and audience, and says so', () => {
    const production = {
      NODE_ENV: 'production',
      IDENTITY_SIGNING_SECRET: 's'.repeat(32),
      AUTH_JWT_SECRET: 'j'.repeat(32),
    };
    expect(() => gatewayConfig(production)).toThrow(
      /AUTH_ISSUER: required in production[\s\S]*AUTH_AUDIENCE: required in production/,
    );
    const config = gatewayConfig({
      ...production,
      AUTH_ISSUER: 'https://hub.example',
      AUTH_AUDIENCE: 'hub-api',
    });
    expect(config.auth).toMatchObject({ issuer: 'https://hub.example', audience: 'hub-api' });
  });

  it('offers a map only with a tile URL template, told to the page in meta tags', () => {
    expect(gatewayConfig({ DATA_DIR: dataDir() }).map).toBeUndefined();
    const map = gatewayConfig({
      DATA_DIR: dataDir(),
      MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
      MAP_ATTRIBUTION: '© "Tiles" & friends',
    }).map;
    expect(map).toEqual({
      tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      attribution: '© "Tiles" & friends',
    });
    expect(withMap('<head></head>', map)).toBe(
      '<head><meta name="map-tile-url" content="https://tiles.example.org/{z}/{x}/{y}.png">' +
        '<meta name="map-attribution" content="© &quot;Tiles&quot; &amp; friends"></head>',
    );
    expect(withMap('<head></head>')).toBe('<head></head>');
    for (const bad of ['tiles.example.org/{z}/{x}/{y}.png', 'https://tiles.example.org/{z}.png'])
      expect(() => gatewayConfig({ DATA_DIR: dataDir(), MAP_TILE_URL: bad }), bad).toThrow(
        /MAP_TILE_URL/,
      );
  });

  it('tokens live 12 hours at most unless AUTH_MAX_TOKEN_HOURS says otherwise', () => {
    expect(gatewayConfig({ DATA_DIR: dataDir() }).auth.maxTokenHours).toBe(12);
    expect(
      gatewayConfig({ DATA_DIR: dataDir(), AUTH_MAX_TOKEN_HOURS: '2' }).auth.maxTokenHours,
    ).toBe(2);
    expect(() => gatewayConfig({ DATA_DIR: dataDir(), AUTH_MAX_TOKEN_HOURS: '0' })).toThrow(
      /AUTH_MAX_TOKEN_HOURS/,
    );
  });

  it('rejects a short secret and a bad port together', () => {
    expect(() =>
      gatewayConfig({ AUTH_JWT_SECRET: 'short', GATEWAY_PORT: 'abc', DATA_DIR: dataDir() }),
    ).toThrow(/AUTH_JWT_SECRET[\s\S]*GATEWAY_PORT|GATEWAY_PORT[\s\S]*AUTH_JWT_SECRET/);
  });

  it('in development, generates secrets once so every service agrees', () => {
    const dir = dataDir();
    const gateway = gatewayConfig({ DATA_DIR: dir });
    const resources = resourcesConfig({ DATA_DIR: dir });
    expect(gateway.identitySecret).toBe(resources.identitySecret);
    expect(gateway.identitySecret.length).toBeGreaterThanOrEqual(32);
    expect(gatewayConfig({ DATA_DIR: dir }).auth.jwtSecret).toBe(gateway.auth.jwtSecret);
  });

  it('rate limits count in memory unless RATE_LIMIT_DATABASE_URL names a shared database', () => {
    const alone = gatewayConfig({ DATA_DIR: dataDir() }).rateLimit;
    expect(alone).toMatchObject({
      perUserPerMinute: 600,
      perAddressPerMinute: 1200,
      costPerPoint: 100,
    });
    expect(alone.databaseUrl).toBeUndefined();
    const shared = gatewayConfig({
      DATA_DIR: dataDir(),
      RATE_LIMIT_DATABASE_URL: 'postgres://u:p@db.internal:5432/ratelimits',
      RATE_LIMIT_COST_PER_POINT: '250',
    }).rateLimit;
    expect(shared).toMatchObject({
      databaseUrl: 'postgres://u:p@db.internal:5432/ratelimits',
      costPerPoint: 250,
    });
  });

  it('DATABASE_URL names a server; each subgraph uses its own database on it', () => {
    const config = resourcesConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://u:p@db.internal:5432/anything',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db.internal:5432/resources');
  });
});
