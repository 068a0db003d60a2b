import fc from 'fast-check';
import { initialState, step } from '../spec';
import { adapter } from '../adapters/reference';
import { scenarioArb, type Scenario } from '../conformance/arbitraries';
import { certify } from '../conformance/certify';
import { predict } from '../conformance/engine/runScenario';
import { openHost } from '../conformance/certify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { benchHangs } from './hangs';
import { createProcessAdapter, type ProcessSession } from '../adapters/process';
import { spawnSync } from 'node:child_process';
import type { Host } from '../conformance/engine/host';
import { InProcessHost } from '../conformance/engine/InProcessHost';
import { exhaust } from '../conformance/level2/checkLevel2';
import { EXHAUSTIVE_PROGRAMS } from '../conformance/level2/programs';

/**
 * `npm run bench`: throughput figures measured side by side in one run, printed as ratios. Figures, not
 * assertions: these machines are shared and noisy.
 */
const scenarios: Scenario[] = fc.sample(scenarioArb(null, { minCoroutines: 1, maxNoise: 25 }), { numRuns: 2000, seed: 1 });
const opCount = scenarios.reduce((n, s) => n + s.ops.length, 0);

function timeIt(label: string, rounds: number, work: () => void): number {
  work();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) work();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const rate = (opCount * rounds) / s;
  process.stdout.write(`${label.padEnd(48)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ops/s\n`);
  return rate;
}

async function main(): Promise<void> {
  process.stdout.write(`${scenarios.length} random scenarios, ${opCount} driver operations each round\n\n`);
  const spec = timeIt('spec step() alone', 5, () => {
    for (const s of scenarios) {
      let st = initialState(s.config);
      for (const op of s.ops) {
        const r = step(st, op);
        if (r.kind === 'ok') st = r.state;
      }
    }
  });
  const ref = timeIt('reference adapter, in-process', 5, () => {
    for (const s of scenarios) {
      const session = adapter.open(s.config);
      if ('then' in session) throw new Error('the reference opens synchronously');
      for (const op of s.ops) session.apply(op);
    }
  });
  const opened = await openHost({ kind: 'module', ref: 'reference' }, 1000);
  if ('kind' in opened) throw new Error(opened.problem);
  const batches = scenarios.map((s) => ({ config: s.config, ops: predict(s).map((p) => p.op) }));
  const t0 = process.hrtime.bigint();
  for (const b of batches) await opened.host.run(b.config, b.ops);
  const workerRate = opCount / (Number(process.hrtime.bigint() - t0) / 1e9);
  await opened.host.dispose();
  process.stdout.write(`${'reference adapter, worker thread (batched runs)'.padEnd(48)} ${Math.round(workerRate).toLocaleString('en-US').padStart(12)} ops/s\n\n`);
  process.stdout.write(`ratio reference in-process / spec step      ${(ref / spec).toFixed(2)}\n`);
  process.stdout.write(`ratio worker-hosted / in-process reference   ${(workerRate / ref).toFixed(3)}\n\n`);
  const cBinary = join(__dirname, '..', '..', 'adapters', 'c', 'build', 'cokit-c');
  if (existsSync(cBinary)) {
    const proc = createProcessAdapter([cBinary], { opTimeoutMs: 5000 });
    await proc.ready?.();
    const rate = async (work: () => Promise<void>): Promise<number> => {
      const p0 = process.hrtime.bigint();
      await work();
      return opCount / (Number(process.hrtime.bigint() - p0) / 1e9);
    };
    const stepwise = await rate(async () => {
      for (const b of batches.slice(0, 400)) {
        const session = (await proc.open(b.config)) as ProcessSession;
        for (const op of b.ops) await session.apply(op);
        await session.close();
      }
    }) * (400 / batches.length);
    const perRun = await rate(async () => {
      for (const b of batches) await proc.runSession(b.config, b.ops);
    });
    const pipelinedPass = async (): Promise<void> => {
      await proc.runSessions(batches);
    };
    await pipelinedPass(); // warm, as the in-process figures are
    const passes = [await rate(pipelinedPass), await rate(pipelinedPass), await rate(pipelinedPass)].sort((a, b) => a - b);
    const pipelined = passes[1] as number; // the median of three passes
    proc.dispose();
    const show = (label: string, r: number): void => void process.stdout.write(`${label.padEnd(48)} ${Math.round(r).toLocaleString('en-US').padStart(12)} ops/s   ratio to in-process reference ${(r / ref).toFixed(3)}\n`);
    show('C scheduler, process adapter, one op per message', stepwise);
    show('C scheduler, process adapter, one run per message', perRun);
    show('C scheduler, process adapter, pipelined, median', pipelined);
    process.stdout.write('\n');
  } else {
    process.stdout.write('C scheduler not built (npm run build:c): process-adapter figure skipped\n\n');
  }
  await level2(cBinary);
  const c0 = Date.now();
  const result = await certify({ kind: 'module', ref: 'reference' }, { adapter: 'reference', runsPerClause: 200, seed: 1, opTimeoutMs: 250 });
  if ('kind' in result) throw new Error(result.problem);
  process.stdout.write(`certify reference (200 runs × ${result.clauses.length} clauses): ${((Date.now() - c0) / 1000).toFixed(2)} s, verdict ${result.verdict}\n`);
  await benchHangs(dirname(cBinary));
}

/**
 * Level 2: every interleaving of CO8's smallest race (a schedule racing a direct entry), each run judged in the
 * interleaved model, as runs/s: the reference stepped in-process and in a worker, the C and Python children
 * taking whole runs through the process protocol (one message per run).
 */
async function level2(cBinary: string): Promise<void> {
  const program = EXHAUSTIVE_PROGRAMS.CO8?.[0];
  if (program === undefined) throw new Error('no CO8 program');
  const measure = async (host: Host): Promise<{ runs: number; rate: number }> => {
    await exhaust(host, program, 5000, () => false); // warm
    const t0 = process.hrtime.bigint();
    const e = await exhaust(host, program, 5000, (r) => r.kind !== 'conforms');
    if (e.failure !== null || !e.complete) throw new Error(`${host.label}: the enumeration did not pass completely`);
    const rate = e.runs / (Number(process.hrtime.bigint() - t0) / 1e9);
    await host.dispose();
    return { runs: e.runs, rate };
  };
  const show = (label: string, r: { runs: number; rate: number }, base?: number): void =>
    void process.stdout.write(`${label.padEnd(48)} ${Math.round(r.rate).toLocaleString('en-US').padStart(12)} runs/s${base === undefined ? ` (${r.runs} interleavings)` : `   ratio to in-process reference ${(r.rate / base).toFixed(3)}`}\n`);
  const inProcess = await measure(new InProcessHost(adapter, 'reference', 1000));
  show('level 2, reference, in-process', inProcess);
  const worker = await openHost({ kind: 'module', ref: 'reference' }, 1000);
  if ('kind' in worker) throw new Error(worker.problem);
  show('level 2, reference, worker thread', await measure(worker.host), inProcess.rate);
  const children: [string, string][] = [['level 2, C scheduler, process adapter', cBinary]];
  if (spawnSync('python3', ['--version']).status === 0) children.push(['level 2, Python example, process adapter', `python3 ${join(__dirname, '..', '..', 'examples', 'python-adapter', 'scheduler.py')}`]);
  for (const [label, line] of children) {
    if (label.includes(' C ') && !existsSync(cBinary)) continue;
    const opened = await openHost({ kind: 'cmd', line }, 1000);
    if ('kind' in opened) throw new Error(opened.problem);
    show(label, await measure(opened.host), inProcess.rate);
  }
  process.stdout.write('\n');
}

void main();
