// The Hive Gateway (@graphql-hive/gateway) over the product's supergraph, for the search benchmark
// only: a peer runtime measured beside the Apollo Gateway on the same subgraph processes. Started by
// scripts/bench/search.ts as a process of its own after the build, with the port, the identity
// secret and each subgraph's URL in its environment (PORT, IDENTITY_SIGNING_SECRET, <NAME>_URL), as
// the product's gateway gets them. It has none of the product gateway's sign-in, limits or logging:
// every request goes to the subgraphs as anonymous, signed as the product's gateway signs it.
//
// Plain JavaScript: the package's type declarations pull in the DOM library, whose fetch types
// clash with Node's in the rest of the project.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import identity from '../../dist/subgraphs/kit/identity.js';

const root = new URL('../../', import.meta.url);

/** The supergraph with each subgraph's URL replaced by the one in the environment. */
function supergraphFor(urls) {
  const sdl = readFileSync(new URL('schema/supergraph.graphql', root), 'utf8');
  return sdl.replace(
    /@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g,
    (_match, name, url) => `@join__graph(name: "${name}", url: "${urls[name] ?? url}")`,
  );
}

/**
 * Signs every subgraph request as the product's gateway does (subgraphs/kit/identity.ts): the
 * identity header and an HMAC over method, path, audience and the body actually sent.
 */
function identitySigning(secret, urls) {
  const audienceOf = new Map(Object.entries(urls).map(([name, url]) => [url, name]));
  const anonymous = identity.encodeIdentity(identity.ANONYMOUS);
  return {
    onFetch({ url, options, setOptions }) {
      const audience = audienceOf.get(url);
      if (!audience) return;
      const target = new URL(url);
      const signed = identity.signEncodedIdentity(anonymous, secret, {
        method: options.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        audience,
        body: typeof options.body === 'string' ? options.body : undefined,
      });
      setOptions({ ...options, headers: { ...options.headers, ...signed } });
    },
  };
}

const port = Number(process.env.PORT);
const secret = process.env.IDENTITY_SIGNING_SECRET ?? '';
const urls = Object.fromEntries(
  Object.entries(process.env)
    .filter(([key, value]) => key.endsWith('_URL') && value)
    .map(([key, value]) => [key.slice(0, -'_URL'.length).toLowerCase(), value]),
);
const gateway = createGatewayRuntime({
  supergraph: supergraphFor(urls),
  logging: 'error',
  plugins: () => [identitySigning(secret, urls)],
});
const server = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  void gateway(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
const stop = () => {
  // Whatever the runtime still holds (keep-alive sockets, timers), the process is done in 2 s.
  setTimeout(() => process.exit(0), 2_000).unref();
  server.closeAllConnections();
  server.close();
  Promise.resolve(gateway.dispose()).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
