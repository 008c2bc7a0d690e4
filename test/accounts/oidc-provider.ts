import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the identity provider: the claims it vouches for. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

/**
 * A real OpenID provider (`oidc-provider`) on a free port, with one confidential client. Its login
 * and consent pages are replaced by an instant yes for `signInAs`, so a flow runs on plain HTTP.
 */
export async function startIdentityProvider() {
  const server: Server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, ProviderAccount>();
  let signInAs = '';
  const client = { clientId: 'referral-hub', clientSecret: 'a-client-secret-for-tests-only-0123' };

  const register = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx, id) => {
        const account = accounts.get(id);
        return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
      },
      features: { devInteractions: { enabled: false } },
      pkce: { required: () => true },
      cookies: { keys: ['cookie-key-for-tests-only-0123456789'] },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    });
    const callback = provider.callback();
    server.on('request', (req, res) => {
      if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
      void (async () => {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name === 'login') {
          await provider.interactionFinished(req, res, { login: { accountId: signInAs } });
          return;
        }
        const grant = new provider.Grant({
          accountId: details.session!.accountId,
          clientId: client.clientId,
        });
        grant.addOIDCScope('openid email profile');
        await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
      })().catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  };

  return {
    issuer,
    ...client,
    /** Registers the client's callback URL (known once the gateway listens) and starts serving. */
    register,
    /** The person the provider's login page signs in next. */
    signInAs(id: string, account: ProviderAccount) {
      accounts.set(id, account);
      signInAs = id;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Hop {
  url: URL;
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
}

/**
 * A browser's cookie jar and redirect-following, per origin, enough for an OIDC flow. `accept` is
 * what it asks for: a real browser's navigation asks for HTML (the default here is fetch's any).
 */
export function browser(accept = '*/*') {
  const jars = new Map<string, Map<string, string>>();
  const jarOf = (url: URL) => {
    let jar = jars.get(url.origin);
    if (!jar) jars.set(url.origin, (jar = new Map<string, string>()));
    return jar;
  };
  async function get(url: URL): Promise<Hop> {
    const jar = jarOf(url);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return {
      url,
      status: response.status,
      location: response.headers.get('location'),
      setCookies,
      body: await response.text(),
    };
  }
  return {
    get,
    /** Follows redirects from `start` until `stop` says so (or a page that is not a redirect). */
    async follow(start: URL, stop: (url: URL) => boolean = () => false): Promise<Hop> {
      let url = start;
      for (let i = 0; i < 20; i++) {
        if (stop(url)) return { url, status: 0, location: null, setCookies: [], body: '' };
        const hop = await get(url);
        if (hop.status < 300 || hop.status >= 400 || !hop.location) return hop;
        url = new URL(hop.location, url);
      }
      throw new Error('too many redirects');
    },
  };
}
