// Fails (exit 1) when product code has an import cycle or an import that points the wrong way.
// Run by `npm test`. Plain JavaScript so that it runs before (and without) the TypeScript build.
//
// Every import counts, `import type` included: a type-only cycle is still two modules that cannot be
// read, moved or tested one without the other. The one exception is two ORM entities of one subgraph
// that name each other for a two-sided relation (Resource.locations / Location.resources): the ORM
// needs both sides, and the entities are the data itself, not a layering choice.
//
// The layers, each allowed to import only those below it:
//   scripts/ → seed/ → subgraphs/<name>/ → subgraphs/kit/,  and gateway/ → subgraphs/kit/
// A subgraph never imports another subgraph, and product code never imports test code.
// The web app (web/src) runs in a browser: it imports only itself, and nothing imports it.
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCircular, parseDependencyTree } from 'dpdm';

const root = fileURLToPath(new URL('..', import.meta.url));
const isTest = (file) => /\.test\.ts$/.test(file) || file.split('/').includes('test');

/** Where a file sits: 'kit', 'subgraph:<name>', 'gateway', 'seed', 'scripts', 'web' or 'other'. */
function layerOf(file) {
  const [top, second] = file.split('/');
  if (top === 'subgraphs') return second === 'kit' ? 'kit' : `subgraph:${second}`;
  return ['gateway', 'seed', 'scripts', 'web'].includes(top) ? top : 'other';
}

/** May a file in layer `from` import a file in layer `to`? */
function allowed(from, to) {
  if (from === 'web' || to === 'web') return from === to;
  if (from === to || to === 'kit') return true;
  switch (from) {
    case 'kit':
      return false;
    case 'gateway':
      return false;
    case 'seed':
      return to.startsWith('subgraph:');
    case 'scripts':
      return to.startsWith('subgraph:') || to === 'seed' || to === 'gateway';
    default:
      return false; // a subgraph imports only itself and the kit
  }
}

const tree = await parseDependencyTree(
  [
    'subgraphs/**/*.ts',
    'gateway/**/*.ts',
    'seed/**/*.ts',
    'scripts/**/*.ts',
    'web/src/**/*.ts',
    'web/src/**/*.tsx',
  ],
  {
    context: root,
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  },
);

const problems = [];
const product = Object.keys(tree)
  .map((file) => relative(root, file).split(sep).join('/'))
  .filter((file) => !file.startsWith('node_modules/') && !isTest(file));

for (const [absolute, dependencies] of Object.entries(tree)) {
  const file = relative(root, absolute).split(sep).join('/');
  if (!product.includes(file) || !dependencies) continue;
  for (const dependency of dependencies) {
    if (!dependency.id || !existsSync(resolve(root, dependency.id))) continue; // a Node built-in
    const target = relative(root, dependency.id).split(sep).join('/');
    if (target.startsWith('node_modules/')) continue;
    if (isTest(target)) problems.push(`${file} imports test code ${target}`);
    else if (!allowed(layerOf(file), layerOf(target))) {
      problems.push(
        `${file} (${layerOf(file)}) imports ${target} (${layerOf(target)}): arrows point down`,
      );
    }
  }
}

const productTree = Object.fromEntries(
  Object.entries(tree).filter(([file]) =>
    product.includes(relative(root, file).split(sep).join('/')),
  ),
);
for (const cycle of parseCircular(productTree)) {
  const files = cycle.map((file) => relative(root, file).split(sep).join('/'));
  const entities = files.every((file) => file.endsWith('.entity.ts'));
  const oneSubgraph = new Set(files.map(layerOf)).size === 1;
  if (entities && oneSubgraph) continue;
  problems.push(`import cycle: ${[...files, files[0]].join(' → ')}`);
}

if (problems.length) {
  console.error(
    `${problems.length} import problem(s) in product code:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`imports: ${product.length} product files, no cycles, every arrow points down`);
