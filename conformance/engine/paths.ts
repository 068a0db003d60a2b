import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The cokit package root: the nearest directory above this file whose package.json is named `cokit`. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      const name: unknown = (JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown }).name;
      if (name === 'cokit') return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`internal: no cokit package.json above ${__dirname}`);
    dir = up;
  }
}

/** A compiled file of the kit (workers and built-in adapters run compiled JavaScript). */
export function distFile(relative: string): string | { readonly problem: string } {
  const file = join(packageRoot(), 'dist', relative);
  return existsSync(file) ? file : { problem: `${file} is missing: run \`npm run build\` first` };
}

/** Where an adapter reference points: a built-in (`reference`, a mutant name) or a module path. */
export function resolveAdapterModule(ref: string, mutantNames: readonly string[]): string | { readonly problem: string } {
  if (ref === 'reference') return distFile('adapters/reference.js');
  if (ref === 'reference-strict') return distFile('adapters/reference-strict.js');
  if (mutantNames.includes(ref)) return distFile(`adapters/mutants/${ref}.js`);
  const looksLikePath = ref.includes('/') || ref.includes('\\') || /\.[cm]?[jt]s$/.test(ref);
  if (!looksLikePath) {
    return { problem: `unknown adapter '${ref}': use 'reference', 'reference-strict', a mutant (${mutantNames.join(', ')}), or a path to a module (./my-adapter.js)` };
  }
  const file = isAbsolute(ref) ? ref : resolve(process.cwd(), ref);
  return existsSync(file) ? file : { problem: `adapter module ${file} does not exist` };
}
