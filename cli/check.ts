import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { modelTraceToItf } from '../conformance/itf/itf';
import { eventToString, opToString, stateToString } from '../spec';
import { exploreChecked } from '../spec/explorer/exploreReduced';
import { explore } from '../spec/explorer/explore';
import { progressReporter } from './progress';
import { exploreAtomicFast } from '../spec/explorer/atomicFast';
import { whyBoundsInvalid, yieldPrograms } from '../spec/explorer/atomicConfig';
import type { ExploreResult, Reduction } from '../spec/explorer/types';
import { exploreInterleaved } from '../spec/interleaved/exploreRows';
import { whyInterleavedBoundsInvalid } from '../spec/interleaved/model';
import { iLabelToString } from '../spec/interleaved/print';
import { interleavedToString, type InterleavedBounds, type Variant, VARIANTS } from '../spec/interleaved/state';
import { PROFILES, type Profile } from '../spec/clauses/Clause';
import { STRICT_VARIANTS, strictStateToString, type StrictBounds, type StrictVariant } from '../spec/strict/interleaved/state';
import { strictInterleavedModel, whyStrictBoundsInvalid } from '../spec/strict/interleaved/model';
import { noDoubleEntry } from '../spec/strict/interleaved/invariants';
import { sLabelToString } from '../spec/strict/interleaved/print';

/** Exit codes of `cokit check`. */
export const CHECK_EXIT = { ok: 0, violation: 1, badArguments: 2 } as const;

const count = (name: string, min: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got '${v}'`);
  return n;
};

interface CheckFlags {
  readonly model: 'atomic' | 'interleaved';
  readonly variant?: Variant | StrictVariant;
  readonly profile?: Profile;
  readonly doubleEntry?: boolean | 'bh-direct' | 'any';
  readonly coroutines: number;
  readonly contexts: number;
  readonly yields: number;
  readonly schedules?: number;
  readonly drivers: number;
  readonly depth?: number;
  readonly maxStates?: number;
  readonly itf?: string;
  readonly quiet?: boolean;
  /** Interleaved model: 'por' unless said otherwise; the atomic model has none. */
  readonly reduction?: Reduction;
}

/**
 * `cokit check`: model-check the spec itself. Explores every state of the atomic model (level 1) or of the
 * interleaved model (level 2, one of three step orders) within the bounds, and prints the shortest
 * counterexample when an invariant breaks. Exit 0 no violation, 1 violation, 2 bad arguments.
 */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("model-check the spec: explore every state within the bounds and check the clauses' invariants")
    .addOption(new Option('--model <model>', 'atomic (level 1) or interleaved (level 2)').choices(['atomic', 'interleaved']).default('atomic'))
    .addOption(new Option('--profile <profile>', 'the profile whose interleaved model to check (strict: upstream QEMU since 6133b39f)').choices([...PROFILES]).default('cancel'))
    .addOption(new Option('--variant <variant>', "interleaved model: order of the steps (cancel: patch, publish-before-mark, unmark-before-caller; strict: upstream, check-then-set, publish-before-mark)").choices([...new Set<string>([...VARIANTS, ...STRICT_VARIANTS])]))
    .addOption(new Option('--double-entry [which]', 'strict: also check that a BH delivery and a direct entry never both enter a coroutine (bh-direct), or any two threads (any); upstream does not promise it, see SPEC.md').choices(['bh-direct', 'any']))
    .option('--coroutines <N>', 'coroutines', count('--coroutines', 1), 2)
    .option('--contexts <M>', 'contexts (AioContexts)', count('--contexts', 1), 2)
    .option('--yields <K>', "yields in each coroutine's program", count('--yields', 0), 2)
    .option('--schedules <S>', 'atomic: schedules per coroutine (default 2); interleaved: operations per driver thread (default 1)', count('--schedules', 0))
    .option('--drivers <T>', 'interleaved: driver threads', count('--drivers', 1), 2)
    .option('--depth <D>', 'longest path explored', count('--depth', 0))
    .option('--max-states <n>', 'stop after this many distinct states', count('--max-states', 1))
    .addOption(new Option('--reduction <kind>', "interleaved: 'por' expands a persistent set of threads per state (the same verdicts, fewer states; a counterexample is re-searched without it, so it stays shortest), 'none' every interleaving (default: por for interleaved)").choices(['none', 'por']))
    .option('--itf <file>', 'on a violation, write the counterexample as an ITF trace (atomic-model traces replay with cokit replay)')
    .option('--quiet', 'no progress line on stderr')
    .action((flags: CheckFlags) => {
      // The search is one synchronous computation: its start is announced, so a CI log shows what runs.
      const progress = progressReporter(flags.quiet === true);
      progress.status(`check: exploring the ${flags.model} model (${flags.coroutines} coroutines, ${flags.contexts} contexts, ${flags.yields} yields)`);
      process.exitCode = runCheck(flags, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
      progress.stop();
    });
}

/** Runs one check and prints it; returns the exit code. */
export function runCheck(f: CheckFlags, out: (s: string) => void, err: (s: string) => void): number {
  const bounds = { ...(f.depth === undefined ? {} : { depth: f.depth }), ...(f.maxStates === undefined ? {} : { maxStates: f.maxStates }) };
  const clock = () => performance.now();
  if (f.model === 'atomic') {
    if (f.reduction === 'por') return bad(err, 'the atomic model has no partial-order reduction (each of its steps is one whole operation): use --reduction none or leave it out');
    const b = { coroutines: f.coroutines, contexts: f.contexts, programs: yieldPrograms(f.coroutines, f.yields), schedules: f.schedules ?? 2 };
    const why = whyBoundsInvalid(b);
    if (why !== null) return bad(err, why);
    out(`atomic model: ${b.coroutines} coroutines, ${b.contexts} contexts, ${f.yields} yields each, ≤ ${b.schedules} schedules per coroutine\n`);
    const r = exploreAtomicFast(b, bounds, clock);
    if (r.kind === 'violation' && f.itf !== undefined) {
      writeItf(f.itf, modelTraceToItf(`${r.invariant}: ${r.message}`, b, r.trace.map((t) => ({ action: t.label?.op ?? null, label: t.label === null ? 'initial state' : opToString(t.label.op), state: stateToString(t.state.state) }))), out);
    }
    return report(r, out, (l) => `${opToString(l.op)}  →  ${l.events.map(eventToString).join(', ') || '(no events)'}`, (s) => stateToString(s.state));
  }
  if (f.schedules === 0) return bad(err, 'interleaved: operations per driver must be ≥ 1');
  if (f.profile === 'strict') return runStrictCheck(f, bounds, out, err);
  if (f.doubleEntry !== undefined) return bad(err, '--double-entry is a question about profile strict: add --profile strict');
  const variant = f.variant ?? 'patch';
  if (!(VARIANTS as readonly string[]).includes(variant)) return bad(err, `profile cancel has no variant '${variant}': one of ${VARIANTS.join(', ')}`);
  const b: InterleavedBounds = { coroutines: f.coroutines, contexts: f.contexts, drivers: f.drivers, ops: f.schedules ?? 1, yields: f.yields, variant: variant as Variant };
  const why = whyInterleavedBoundsInvalid(b);
  if (why !== null) return bad(err, why);
  out(`interleaved model, variant ${b.variant}: ${b.coroutines} coroutines, ${b.contexts} contexts, ${b.drivers} driver threads × ${b.ops} operations, ${b.yields} yields each\n`);
  const reduction = f.reduction ?? 'por';
  const { result: r, reduced, reSearch } = exploreChecked((at, red) => exploreInterleaved(b, at, clock, red), bounds, reduction);
  if (reduced !== null) out(`partial-order reduction: ${stats(reduced)}\n`);
  if (reduced?.kind === 'violation') {
    out(reSearch?.kind === 'violation'
      ? `a shortest counterexample, re-searched without the reduction to depth ${reduced.trace.length - 1}: ${stats(reSearch)}\n`
      : `the re-search without the reduction stopped at its state bound: the counterexample below is the reduced search's, perhaps not a shortest\n`);
  }
  if (r.kind === 'violation' && f.itf !== undefined) {
    writeItf(f.itf, modelTraceToItf(`${r.invariant}: ${r.message}`, b, r.trace.map((t) => ({ action: t.label === null ? null : iLabelToString(b, t.label), label: t.label === null ? 'initial state' : iLabelToString(b, t.label), state: interleavedToString(b, t.state) }))), out);
  }
  return report(r, out, (l) => iLabelToString(b, l), (s) => interleavedToString(b, s), reduced !== null);
}

/** `cokit check --model interleaved --profile strict`: upstream's steps, ST8 and ST9 (and, asked, no double entry). */
function runStrictCheck(f: CheckFlags, bounds: { depth?: number; maxStates?: number }, out: (s: string) => void, err: (s: string) => void): number {
  const variant = f.variant ?? 'upstream';
  if (!(STRICT_VARIANTS as readonly string[]).includes(variant)) return bad(err, `profile strict has no variant '${variant}': one of ${STRICT_VARIANTS.join(', ')}`);
  const b: StrictBounds = { coroutines: f.coroutines, contexts: f.contexts, drivers: f.drivers, ops: f.schedules ?? 1, yields: f.yields, variant: variant as StrictVariant };
  const why = whyStrictBoundsInvalid(b);
  if (why !== null) return bad(err, why);
  out(`strict interleaved model, variant ${b.variant}: ${b.coroutines} coroutines, ${b.contexts} contexts, ${b.drivers} driver threads × ${b.ops} operations, ${b.yields} yields each${f.doubleEntry === undefined ? '' : '; checking no double entry too'}\n`);
  const r = explore(strictInterleavedModel(b, f.doubleEntry === undefined ? [] : [noDoubleEntry(b, f.doubleEntry === 'any')]), bounds, () => performance.now());
  return report(r, out, (l) => sLabelToString(b, l), (s) => strictStateToString(b, s));
}

function writeItf(file: string, trace: object, out: (s: string) => void): void {
  writeFileSync(file, `${JSON.stringify(trace, null, 2)}\n`);
  out(`wrote the counterexample as ITF to ${file}\n`);
}

function bad(err: (s: string) => void, why: string): number {
  err(`cokit check: ${why}\n`);
  return CHECK_EXIT.badArguments;
}

/** `1,234 states, 2,345 transitions, depth 9, 12 ms, 102,833 states/s`. */
function stats(r: ExploreResult<unknown, unknown>): string {
  const rate = r.ms > 0 ? Math.round((r.states / r.ms) * 1000).toLocaleString('en-US') : '-';
  return `${r.states.toLocaleString('en-US')} states, ${r.transitions.toLocaleString('en-US')} transitions, depth ${r.depth}, ${Math.round(r.ms)} ms, ${rate} states/s`;
}

function report<S, L>(r: ExploreResult<S, L>, out: (s: string) => void, label: (l: L) => string, state: (s: S) => string, reduced = false): number {
  if (!reduced) out(`${stats(r)}\n`);
  switch (r.kind) {
    case 'ok':
      out('no violation: every invariant holds in every reachable state\n');
      return CHECK_EXIT.ok;
    case 'bound-reached':
      out(`no violation within the ${r.bound} bound (the search was cut short; raise --${r.bound === 'depth' ? 'depth' : 'max-states'} to go further)\n`);
      return CHECK_EXIT.ok;
    case 'violation':
      out(`\n${r.invariant} violated after ${r.trace.length - 1} steps (a shortest counterexample):\n  ${r.message}\n\n`);
      for (const [i, t] of r.trace.entries()) {
        out(`${String(i).padStart(3)}  ${t.label === null ? 'initial state' : label(t.label)}\n       ${state(t.state)}\n`);
      }
      return CHECK_EXIT.violation;
    default: {
      const never: never = r;
      throw new Error(`unknown explore result ${JSON.stringify(never)}`);
    }
  }
}
