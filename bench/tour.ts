/**
 * The transition tour's size and time, the default beside the yield-only baseline, and the time each public
 * mutant's shortest-counterexample search takes. `npm run bench` runs it after the other benches.
 */
import { MUTANTS } from '../adapters/mutants';
import { certify, openHost } from '../conformance/certify';
import { buildTour } from '../conformance/tour/transitionTour';
import { runTour } from '../conformance/tour/runTour';
import { type TourName, tourSpaces } from '../conformance/tour/tourSpace';

const LEVEL2 = new Set(['publish-before-mark', 'unmark-before-caller']);

async function tourLine(name: TourName): Promise<void> {
  const b0 = process.hrtime.bigint();
  const tours = tourSpaces(name).map((s) => buildTour(s));
  const buildMs = Number(process.hrtime.bigint() - b0) / 1e6;
  const opened = await openHost({ kind: 'module', ref: 'reference' }, 1000);
  if ('kind' in opened) throw new Error(opened.problem);
  const r0 = process.hrtime.bigint();
  const out = await runTour(opened.host, 1, () => '', name);
  const runMs = Number(process.hrtime.bigint() - r0) / 1e6;
  await opened.host.dispose();
  const states = tours.reduce((n, t) => n + t.states, 0);
  const transitions = tours.reduce((n, t) => n + t.transitions, 0);
  const legs = tours.reduce((n, t) => n + t.legs.length, 0);
  const covered = `${out.coverage.transitions.covered}/${out.coverage.transitions.total}`;
  process.stdout.write(
    `tour ${name.padEnd(8)} ${String(tours.length).padStart(2)} spaces ${states.toLocaleString('en-US').padStart(7)} states ${transitions.toLocaleString('en-US').padStart(8)} transitions ${legs.toLocaleString('en-US').padStart(7)} scenarios   build ${(buildMs / 1000).toFixed(2)} s, run (reference, worker) ${(runMs / 1000).toFixed(2)} s, ${covered} covered\n`,
  );
}

async function shortestLines(): Promise<void> {
  process.stdout.write('shortest counterexample search (clause alone, 200 runs, seed 1), per public mutant:\n');
  for (const m of MUTANTS.filter((x) => !LEVEL2.has(x.name))) {
    const r = await certify({ kind: 'module', ref: m.name }, { adapter: m.name, runsPerClause: 200, seed: 1, opTimeoutMs: 250, clauses: [m.kills] });
    if ('kind' in r) throw new Error(r.problem);
    const s = r.clauses[0]?.counterexample?.shortest;
    const line = s === undefined ? `no search (${r.clauses[0]?.verdict ?? 'none'})` : `${s.status}, ${s.operations} operations, ${s.runs} runs searched in ${(s.ms / 1000).toFixed(2)} s`;
    process.stdout.write(`  ${m.name.padEnd(28)} ${m.kills.padEnd(4)} ${line}\n`);
  }
}

async function main(): Promise<void> {
  await tourLine('yields');
  await tourLine('default');
  await shortestLines();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
