import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const main = join(__dirname, '..', 'dist', 'cli', 'main.js');

/** The packages and kit folders a command line loaded, from the module cache once it is done. */
function loaded(args: readonly string[]): { code: number | null; modules: string[] } {
  const script = `require(${JSON.stringify(main)}).main(${JSON.stringify(args)}).then(() => { process.stdout.write(JSON.stringify(Object.keys(require.cache))); });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const json = r.stdout.slice(r.stdout.lastIndexOf('["'));
  return { code: r.status, modules: JSON.parse(json) as string[] };
}

const has = (modules: readonly string[], part: string): boolean => modules.some((m) => m.includes(part));

describe('cokit loads only what a command uses', () => {
  it('clauses: the registry, not the certifier, the explorer, the report writers or the TypeScript compiler', () => {
    const { modules } = loaded(['clauses']);
    expect(has(modules, '/spec/clauses/registry.js')).toBe(true);
    for (const part of ['/conformance/certify.js', '/spec/explorer/explore.js', '/node_modules/ajv/', '/node_modules/ts-morph/', '/node_modules/typescript/', '/node_modules/badge-maker/']) {
      expect([part, has(modules, part)]).toEqual([part, false]);
    }
  });

  it('certify and check never load the TypeScript compiler', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-lazy-'));
    const certify = loaded(['certify', 'reference', '--clause', 'CO1', '--runs', '5', '--seed', '1', '--quiet', '--out', out]);
    expect(has(certify.modules, '/conformance/certify.js')).toBe(true);
    const check = loaded(['check', '--coroutines', '1', '--contexts', '1', '--yields', '1', '--schedules', '1']);
    expect(has(check.modules, '/spec/explorer/')).toBe(true);
    for (const m of [certify.modules, check.modules]) {
      expect(has(m, '/node_modules/ts-morph/') || has(m, '/node_modules/typescript/')).toBe(false);
    }
  });
});
