import type { Instruction, Program } from '../model/program';
import type { CoroutineState, State } from '../model/state';
import { type StepResult, step } from '../model/step';
import { type AtomicLabel, type AtomicNode, atomicModel, canonical, driverOps } from './atomicModel';
import { yieldPrograms } from './atomicConfig';
import { ATOMIC_INVARIANTS } from './invariants';
import type { ExplorableModel, Transition } from './types';

/** The kinds of instruction a program of the open model may hold. */
export type InstructionKind = Instruction['kind'];
export const INSTRUCTION_KINDS: readonly InstructionKind[] = ['yield', 'schedule', 'enter', 'wake'];

/** The programs a coroutine of the open model may have: every program of at most `length` instructions from `alphabet`. */
export interface OpenProgram {
  readonly length: number;
  readonly alphabet: readonly InstructionKind[];
}

/**
 * Bounds of the open atomic model: instead of fixed programs, coroutine c may have every program of
 * `programs[c]` (each instruction kind of the alphabet over every coroutine and context of the session).
 */
export interface OpenBounds {
  readonly coroutines: number;
  readonly contexts: number;
  /** At most S accepted schedules per coroutine over the whole run (driver's, programs' and wakes' together). */
  readonly schedules: number;
  /** One per coroutine. */
  readonly programs: readonly OpenProgram[];
}

/** What a transition of the open model chose: the instructions each coroutine ran for the first time, and which ended. */
export interface OpenChoice {
  /** `added[c]`: the instructions appended to c's program by this step, in order. */
  readonly added: readonly Program[];
  /** The coroutines whose program ended (ran off its end) in this step before the length bound. */
  readonly ended: readonly number[];
}

export interface OpenLabel extends AtomicLabel {
  readonly choice: OpenChoice;
}

/** Every instruction of an alphabet over the session's ids, in a fixed order. */
export function openInstructions(b: Pick<OpenBounds, 'coroutines' | 'contexts'>, alphabet: readonly InstructionKind[]): Instruction[] {
  const out: Instruction[] = [];
  for (const kind of INSTRUCTION_KINDS) {
    if (!alphabet.includes(kind)) continue;
    if (kind === 'yield') out.push({ kind });
    for (let target = 0; target < b.coroutines; target++) {
      if (kind === 'schedule') for (let ctx = 0; ctx < b.contexts; ctx++) out.push({ kind, target, ctx });
      if (kind === 'enter' || kind === 'wake') out.push({ kind, target });
    }
  }
  return out;
}

/** Why these bounds cannot be explored, or null. */
export function whyOpenBoundsInvalid(b: OpenBounds): string | null {
  if (!Number.isInteger(b.coroutines) || b.coroutines < 1 || b.coroutines > 8) return 'coroutines must be 1..8';
  if (!Number.isInteger(b.contexts) || b.contexts < 1 || b.contexts > 8) return 'contexts must be 1..8';
  if (!Number.isInteger(b.schedules) || b.schedules < 0 || b.schedules > 16) return 'schedules must be 0..16';
  if (b.programs.length !== b.coroutines) return `${b.programs.length} program spaces for ${b.coroutines} coroutines`;
  for (const [c, p] of b.programs.entries()) {
    if (!Number.isInteger(p.length) || p.length < 0 || p.length > 16) return `c${c}: program length must be 0..16`;
    const unknown = p.alphabet.find((k) => !INSTRUCTION_KINDS.includes(k));
    if (unknown !== undefined) return `c${c}: unknown instruction kind '${unknown}' (known: ${INSTRUCTION_KINDS.join(', ')})`;
  }
  return null;
}

/**
 * The level-1 model with open programs: a coroutine's next instruction is chosen when it first runs it,
 * among the alphabet's instructions and the end of the program (forced at its length bound). The future of a run
 * depends on a coroutine's program only from its pc on, so a state needs no program: this graph is the
 * union of the atomic models of every tuple of programs within the length bounds over the alphabet, with
 * the instructions not yet run forgotten. Each transition is one driver operation with the instructions it
 * ran for the first time (its label's `choice`); a transition that would give a coroutine more than S
 * accepted schedules is not offered. Encoding and invariants are the atomic model's (yield programs of
 * the bound's length stand for the unknown programs: `step()` reads a program only from its pc on).
 */
export function openAtomicModel(b: OpenBounds): ExplorableModel<AtomicNode, OpenLabel> {
  const invalid = whyOpenBoundsInvalid(b);
  if (invalid !== null) throw new Error(`open model bounds: ${invalid}`);
  const inner = atomicModel({ coroutines: b.coroutines, contexts: b.contexts, schedules: b.schedules, programs: b.programs.map((p) => yieldPrograms(1, p.length)[0] ?? []) });
  const ops = driverOps({ coroutines: b.coroutines, contexts: b.contexts, schedules: b.schedules, programs: [] });
  const alphabets = b.programs.map((p) => openInstructions(b, p.alphabet));
  return {
    width: inner.width,
    invariants: ATOMIC_INVARIANTS,
    isFinal: () => true,
    initial: () => [{ state: withPrograms(inner.initial()[0]?.state as State, []), schedules: Array.from({ length: b.coroutines }, () => 0) }],
    successors: (n) => {
      const out: Transition<AtomicNode, OpenLabel>[] = [];
      for (const op of ops) {
        if (op.op === 'schedule' && (n.schedules[op.co] as number) >= b.schedules) continue;
        for (const t of choices(b, alphabets, n, (state) => step(state, op))) out.push({ label: { op, ...t.label }, next: t.next });
      }
      return out;
    },
    encode: inner.encode,
    decode: (buf, off) => {
      const d = inner.decode(buf, off);
      return { state: withPrograms(d.state, []), schedules: d.schedules };
    },
  };
}

/** `pc` placeholder instructions, shared (step() reads a program only from its pc on). */
const placeholders: Program[] = [];
const placeholder = (pc: number): Program => {
  for (let n = placeholders.length; n <= pc; n++) placeholders.push(Array.from({ length: n }, () => ({ kind: 'yield' as const })));
  return placeholders[pc] as Program;
};

/** `state` with each coroutine's program replaced: `pc` placeholders, then `added[c]`. */
function withPrograms(state: State, added: readonly Program[]): State {
  const coroutines = state.coroutines.map((c, i): CoroutineState => {
    const more = added[i] ?? [];
    return { ...c, program: more.length === 0 ? placeholder(c.pc) : [...placeholder(c.pc), ...more] };
  });
  return { ...state, coroutines };
}

interface Branch {
  readonly label: Omit<OpenLabel, 'op'>;
  readonly next: AtomicNode;
}

/**
 * Every way one step can go: depth first over the first program end the step ran into that is not
 * decided yet (in the order of the events), choosing there the end or one more instruction. Earlier
 * choices fix everything the step did before that point, so each branch is one distinct transition.
 */
function choices(b: OpenBounds, alphabets: readonly (readonly Instruction[])[], n: AtomicNode, run: (s: State) => StepResult): Branch[] {
  const out: Branch[] = [];
  const explore = (added: readonly Program[], ended: readonly number[]): void => {
    const r = run(withPrograms(n.state, added));
    if (r.kind !== 'ok') return;
    const open = firstUndecidedEnd(b, n, r, added, ended);
    if (open !== null) {
      explore(added, [...ended, open]);
      for (const ins of alphabets[open] ?? []) explore(added.map((p, c) => (c === open ? [...p, ins] : p)), ended);
      return;
    }
    const schedules = acceptedSchedules(n, r.state);
    if (schedules.some((s) => s > b.schedules)) return;
    const next = canonical({ ...r.state, coroutines: r.state.coroutines.map((c) => ({ ...c, program: [] })) });
    out.push({ label: { events: r.events, walk: r.walk, choice: { added, ended } }, next: { state: next, schedules } });
  };
  explore(Array.from({ length: b.coroutines }, () => []), []);
  return out;
}

/** The first coroutine (in event order) that terminated at the end of its known program, below the length bound, undecided. */
function firstUndecidedEnd(b: OpenBounds, n: AtomicNode, r: Extract<StepResult, { kind: 'ok' }>, added: readonly Program[], ended: readonly number[]): number | null {
  for (const e of r.events) {
    if (e.ev !== 'terminated' || ended.includes(e.co)) continue;
    const length = (n.state.coroutines[e.co]?.pc ?? 0) + (added[e.co]?.length ?? 0);
    if (length < (b.programs[e.co]?.length ?? 0)) return e.co;
  }
  return null;
}

/** Accepted schedules per coroutine after a step: the node's, plus the step's new records (all still on some list). */
function acceptedSchedules(n: AtomicNode, post: State): number[] {
  const counts = [...n.schedules];
  for (const x of post.contexts) for (const rec of x.list) if (rec.seq >= n.state.nextSeq) counts[rec.co] = (counts[rec.co] as number) + 1;
  return counts;
}
