import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { certify, type AdapterSource } from '../conformance/certify';

/**
 * Time to certify the schedulers that hang (default budget, seed 1, tour included): the seed's literal list
 * in a worker thread and as a C child, an adapter whose open() never returns. Each line says the verdict and
 * which clauses failed, so a fast but wrong run cannot pass for a fast one.
 */
export async function benchHangs(cBuild: string): Promise<void> {
  const cases: [string, AdapterSource][] = [
    ['seed-literal-list (worker thread)', { kind: 'module', ref: 'seed-literal-list' }],
    ['open() never returns (worker thread)', { kind: 'module', ref: join(__dirname, '..', '..', 'conformance', 'fixtures', 'open-never-settles.js') }],
  ];
  const seedLiteral = join(cBuild, 'cokit-c-seed-literal');
  if (existsSync(seedLiteral)) cases.push(['C child, seed-literal list (session feature)', { kind: 'cmd', line: seedLiteral }]);
  for (const [label, source] of cases) {
    const t0 = Date.now();
    const r = await certify(source, { adapter: label, runsPerClause: 200, seed: 1, opTimeoutMs: 250 });
    const what = 'kind' in r ? `unusable: ${r.problem.slice(0, 60)}` : `${r.verdict}, failing ${r.clauses.filter((c) => c.verdict === 'fail').map((c) => c.clause).join(' ') || 'none'}, errors ${r.clauses.filter((c) => c.verdict === 'error').length}`;
    process.stdout.write(`certify a hanging scheduler: ${label.padEnd(44)} ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s   ${what}\n`);
  }
  process.stdout.write('\n');
}
