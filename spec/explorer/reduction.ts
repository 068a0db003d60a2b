/**
 * Partial-order reduction by persistent sets, for any model made of threads whose steps touch named shared
 * variables. A model says, at each state and for each thread, which variables its next step reads and writes,
 * which it may read and write at any later step, and (when its next step is disabled) which writes could
 * enable it. From that alone, `persistentThreads` picks a set of threads whose enabled steps are persistent
 * (Godefroid 1996, def. 4.1): no sequence of steps of the other threads can touch what they touch, so the
 * search may expand those steps only. SPEC.md ("Partial-order reduction") says why this keeps every violation
 * of the interleaved model's invariants; `Independence.covers` names the invariants that argument was made
 * for, and the explorer refuses a reduction for a model checking any other.
 */

/**
 * What a reduction needs from a model: its threads, the thread that takes a step, and the footprints of every
 * thread at a state. Steps of different threads whose footprints do not conflict (one writes a variable the
 * other reads or writes) must commute, must not enable or disable each other, and must not change whether
 * the other's step breaks an invariant of `covers`.
 */
export interface Independence<S, L> {
  readonly threads: number;
  /** Shared variables, numbered 0 .. variables - 1 (ghost variables included). */
  readonly variables: number;
  /** The invariants (by name) whose violations the reduction is argued to preserve. */
  readonly covers: readonly string[];
  threadOf(label: L): number;
  /** Fills `out` (cleared) with each thread's footprints at `s`. */
  footprints(s: S, out: Footprints): void;
  /** Optional: the same from the state's encoded row at `buf[src ..]` (the explorer then decodes nothing). */
  rowFootprints?(buf: Uint8Array, src: number, out: Footprints): void;
}

/** Per thread: bitsets of variables (next step read / written, any later step read / written, enablers) and its enabled steps. */
export class Footprints {
  readonly words: number;
  readonly nextRead: Uint32Array;
  readonly nextWrite: Uint32Array;
  readonly futureRead: Uint32Array;
  readonly futureWrite: Uint32Array;
  readonly enablers: Uint32Array;
  /** How many steps each thread can take now (0: its next step is disabled, or it has none). */
  readonly steps: Uint16Array;

  /** The five bitsets, one after the other (cleared with one loop: this runs once per state). */
  private readonly bits: Uint32Array;

  constructor(readonly threads: number, readonly variables: number) {
    if (threads < 1 || threads > 30) throw new Error(`internal: a reduction handles 1..30 threads, not ${threads}`);
    this.words = Math.max(1, Math.ceil(variables / 32));
    const n = threads * this.words;
    this.bits = new Uint32Array(5 * n);
    this.nextRead = this.bits.subarray(0, n);
    this.nextWrite = this.bits.subarray(n, 2 * n);
    this.futureRead = this.bits.subarray(2 * n, 3 * n);
    this.futureWrite = this.bits.subarray(3 * n, 4 * n);
    this.enablers = this.bits.subarray(4 * n, 5 * n);
    this.steps = new Uint16Array(threads);
  }

  clear(): void {
    const bits = this.bits;
    for (let k = 0; k < bits.length; k++) bits[k] = 0;
    const steps = this.steps;
    for (let t = 0; t < steps.length; t++) steps[t] = 0;
  }

  /** Thread `t`'s next step reads (or writes) variable `v`; so does its future. */
  next(t: number, v: number, write: boolean): void {
    set(write ? this.nextWrite : this.nextRead, t * this.words, v);
    this.future(t, v, write);
  }

  /** Thread `t` may read (or write) variable `v` at some later step. */
  future(t: number, v: number, write: boolean): void {
    set(write ? this.futureWrite : this.futureRead, t * this.words, v);
  }

  /** Thread `t`'s disabled next step can be enabled by a write of `v`. */
  enabledBy(t: number, v: number): void {
    set(this.enablers, t * this.words, v);
  }

  /** Thread `t` may write every variable from now on (a driver that can still choose any operation). */
  futureWritesAll(t: number): void {
    for (let v = 0; v < this.variables; v++) set(this.futureWrite, t * this.words, v);
  }
}

function set(bits: Uint32Array, at: number, v: number): void {
  bits[at + (v >>> 5)] = (bits[at + (v >>> 5)] as number) | (1 << (v & 31));
}

/**
 * A set of threads whose enabled steps are persistent at the state `fp` describes, as a bitmask (0 when no
 * thread can move). Closure from each seed thread that can move: a thread whose next step is enabled brings
 * in every thread that may later touch what that step writes, or write what it reads; a thread whose next step
 * is disabled brings in every thread that may later write one of its enablers. Threads outside the closure
 * can then never take a step dependent on one inside, nor enable one. The smallest closure (fewest steps) wins.
 */
export function persistentThreads(fp: Footprints): number {
  const T = fp.threads;
  const W = fp.words;
  let best = 0;
  let bestSteps = Infinity;
  for (let seed = 0; seed < T; seed++) {
    if (fp.steps[seed] === 0) continue;
    let mask = 1 << seed;
    let work = mask;
    while (work !== 0) {
      const q = 31 - Math.clz32(work);
      work &= ~(1 << q);
      for (let r = 0; r < T; r++) {
        if ((mask >>> r) & 1) continue;
        if (fp.steps[q] === 0 ? touches(fp.enablers, q, fp.futureWrite, r, W) : conflicts(fp, q, r, W)) {
          mask |= 1 << r;
          work |= 1 << r;
        }
      }
    }
    let steps = 0;
    for (let t = 0; t < T; t++) if ((mask >>> t) & 1) steps += fp.steps[t] as number;
    if (steps < bestSteps) {
      best = mask;
      bestSteps = steps;
      if (steps === 1) break;
    }
  }
  return best;
}

/** Whether q's next step conflicts with anything r may do: q writes what r touches, or reads what r writes. */
function conflicts(fp: Footprints, q: number, r: number, W: number): boolean {
  for (let k = 0; k < W; k++) {
    const nw = fp.nextWrite[q * W + k] as number;
    const nr = fp.nextRead[q * W + k] as number;
    const fw = fp.futureWrite[r * W + k] as number;
    const fr = fp.futureRead[r * W + k] as number;
    if ((nw & (fr | fw)) !== 0 || (nr & fw) !== 0) return true;
  }
  return false;
}

function touches(a: Uint32Array, q: number, b: Uint32Array, r: number, W: number): boolean {
  for (let k = 0; k < W; k++) if (((a[q * W + k] as number) & (b[r * W + k] as number)) !== 0) return true;
  return false;
}
