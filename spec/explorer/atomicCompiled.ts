import { maxRecords, type AtomicBounds } from './atomicConfig';
import { type PackedSuccessors, ALWAYS, FIELDS, IF_NOT_ENTERED, INVARIANT_MESSAGES, OP_ENTER, OP_POLL, OP_SCHEDULE, packedSuccessors } from './atomicPacked';
import { seqLimit } from './packedLayout';

/*
 * The packed successor compiled for one bounds: `apply`, `masks`, `broken` and `commutingAfter` of
 * `packedSuccessors` as JavaScript written out for these bounds, with every field's word, shift and mask a
 * constant and the loops over coroutines, contexts and list entries unrolled, then compiled once by the
 * engine. Same
 * algorithm, same results (atomicFast.test.ts checks both against step() state by state); what goes is
 * reading each field's place from the layout tables, three loads per field read.
 *
 * Compiled when the bounds allow bit masks (at most 31 operations, at most 31 sequence numbers) and the
 * lists are short enough to unroll; otherwise the interpreted successor is returned as it is.
 */

/** Longest list unrolled (records per context). */
const MAX_UNROLLED = 24;

type Compiled = Pick<PackedSuccessors, 'apply' | 'broken' | 'commutingAfter'> & { readonly masks: NonNullable<PackedSuccessors['masks']> };

export function compiledSuccessors(b: AtomicBounds): PackedSuccessors {
  const f = packedSuccessors(b);
  if (f.masks === null || seqLimit(b) > 31 || maxRecords(b) > MAX_UNROLLED) return f;
  const make = new Function('rank', 'taken', 'messages', emit(b, f)) as (rank: Int32Array, taken: Int32Array, messages: typeof INVARIANT_MESSAGES) => Compiled;
  const compiled = make(new Int32Array(32), new Int32Array(2 * maxRecords(b)), INVARIANT_MESSAGES);
  return { ...f, kind: 'compiled', apply: compiled.apply, masks: compiled.masks, broken: compiled.broken, commutingAfter: compiled.commutingAfter };
}

/** The source of a function of (rank, taken, messages) that returns { apply, masks, broken }. */
export function emit(b: AtomicBounds, f: PackedSuccessors): string {
  const { word, shift, mask } = f.layout;
  const N = b.coroutines;
  const M = b.contexts;
  const R = maxRecords(b);
  const { CO, STATUS, PC, CTX, MARK_CTX, MARK_SEQ, LAST, SCHEDULES } = FIELDS;
  const co = (c: number, field: number): number => c * CO + field;
  const ctxBase = N * CO;
  const armed = (x: number): number => ctxBase + x * (2 + 2 * R);
  const len = (x: number): number => armed(x) + 1;
  const recCo = (x: number, i: number): number => armed(x) + 2 + 2 * i;
  const recSeq = (x: number, i: number): number => armed(x) + 3 + 2 * i;
  const TERMINATED = 3;
  const SUSPENDED = 2;
  const RUNNING = 1;

  const get = (field: number): string => {
    const w = word[field] as number;
    const s = shift[field] as number;
    const m = mask[field] as number;
    return s === 0 ? `(a[off + ${w}] & ${m})` : `((a[off + ${w}] >>> ${s}) & ${m})`;
  };
  const set = (field: number, value: string | number): string => {
    const w = word[field] as number;
    const s = shift[field] as number;
    const m = mask[field] as number;
    const v = s === 0 ? `(${value})` : `((${value}) << ${s})`;
    return `a[off + ${w}] = (a[off + ${w}] & ${~(m << s)}) | ${v};`;
  };
  /** Statements for each list entry i < len(x) (`length`, when already read), from the last down (a switch that falls through). */
  const entriesDown = (x: number, body: (i: number) => string, length = get(len(x))): string =>
    `switch (${length}) {\n${Array.from({ length: R }, (_, j) => R - 1 - j)
      .map((i) => `case ${i + 1}: ${body(i)}`)
      .join('\n')}\n}`;

  const out: string[] = ['"use strict";'];
  const lengths = b.programs.map((p) => p.length);
  for (let c = 0; c < N; c++)
    for (let x = 0; x < M; x++)
      out.push(`function enter_${c}_${x}(a, off) {
  if (${get(co(c, STATUS))} === ${TERMINATED}) return false;
  ${set(co(c, CTX), x + 1)}
  ${set(co(c, MARK_CTX), 0)}
  ${set(co(c, MARK_SEQ), 0)}
  const pc = ${get(co(c, PC))};
  if (pc < ${lengths[c] as number}) {
    ${set(co(c, PC), 'pc + 1')}
    ${set(co(c, STATUS), SUSPENDED)}
  } else ${set(co(c, STATUS), TERMINATED)}
  return true;
}`);

  out.push(`function onAList(a, off, seq) {
${Array.from({ length: M }, (_, y) => entriesDown(y, (i) => `if (${get(recSeq(y, i))} === seq) return true;`)).join('\n')}
  return false;
}`);

  for (let c = 0; c < N; c++)
    for (let x = 0; x < M; x++)
      out.push(`function schedule_${c}_${x}(a, off) {
  if (${get(co(c, STATUS))} === ${TERMINATED} || ${get(co(c, MARK_CTX))} !== 0) return false;
  let next = 0;
  let v = 0;
${Array.from({ length: N }, (_, i) => `  v = ${get(co(i, LAST))}; if (v > next) next = v;`).join('\n')}
  const old = ${get(co(c, LAST))};
  ${set(co(c, MARK_CTX), x + 1)}
  ${set(co(c, MARK_SEQ), 'next + 1')}
  ${set(co(c, LAST), 'next + 1')}
  ${set(co(c, SCHEDULES), `${get(co(c, SCHEDULES))} + 1`)}
  const len = ${get(len(x))};
  switch (len) {
${Array.from({ length: R }, (_, i) => `    case ${i}: ${set(recCo(x, i), c)} ${set(recSeq(x, i), 'next')} break;`).join('\n')}
    default: throw new Error('internal: a list longer than the records the bounds allow');
  }
  ${set(len(x), 'len + 1')}
  ${set(armed(x), 1)}
  if (old !== 0 && !onAList(a, off, old - 1)) canonicalise(a, off);
  return true;
}`);

  for (let x = 0; x < M; x++) {
    out.push(`function deliver_${x}(a, off, c, seq) {
  switch (c) {
${Array.from(
  { length: N },
  (_, c) => `    case ${c}: {
      const gone = ${get(co(c, LAST))} - 1 !== seq;
      if (${get(co(c, MARK_CTX))} !== 0 && ${get(co(c, MARK_SEQ))} - 1 === seq) enter_${c}_${x}(a, off);
      return gone;
    }`,
).join('\n')}
  }
  return false;
}`);
    // Clearing x's list: every bit of its fields, word by word.
    const clear = new Map<number, number>();
    for (let field = armed(x); field <= recSeq(x, R - 1); field++) {
      const w = word[field] as number;
      clear.set(w, (clear.get(w) ?? 0) | ((mask[field] as number) << (shift[field] as number)));
    }
    out.push(`function poll_${x}(a, off) {
  if (${get(armed(x))} === 0) return false;
  const len = ${get(len(x))};
  ${entriesDown(x, (i) => `taken[${2 * i}] = ${get(recCo(x, i))}; taken[${2 * i + 1}] = ${get(recSeq(x, i))};`, 'len')}
${[...clear].map(([w, m]) => `  a[off + ${w}] &= ${~m};`).join('\n')}
  let gone = false;
  for (let i = 0; i < len; i++) if (deliver_${x}(a, off, taken[2 * i], taken[2 * i + 1])) gone = true;
  if (gone) canonicalise(a, off);
  return true;
}`);
  }

  const renumber = [
    ...Array.from(
      { length: N },
      (_, c) => `  if (${get(co(c, MARK_CTX))} !== 0) ${set(co(c, MARK_SEQ), `rank[${get(co(c, MARK_SEQ))} - 1] + 1`)}
  v = ${get(co(c, LAST))}; if (v !== 0) ${set(co(c, LAST), 'rank[v - 1] + 1')}`,
    ),
    ...Array.from({ length: M }, (_, x) => entriesDown(x, (i) => set(recSeq(x, i), `rank[${get(recSeq(x, i))}]`))),
  ].join('\n');
  out.push(`function canonicalise(a, off) {
  let seen = 0;
  let v = 0;
${Array.from(
  { length: N },
  (_, c) => `  if (${get(co(c, MARK_CTX))} !== 0) seen |= 1 << (${get(co(c, MARK_SEQ))} - 1);
  v = ${get(co(c, LAST))}; if (v !== 0) seen |= 1 << (v - 1);`,
).join('\n')}
${Array.from({ length: M }, (_, x) => entriesDown(x, (i) => `seen |= 1 << ${get(recSeq(x, i))};`)).join('\n')}
  if ((seen & (seen + 1)) === 0) return;
  let n = 0;
  for (let s = 0; seen >>> s !== 0; s++) if (((seen >>> s) & 1) !== 0) rank[s] = n++;
${renumber}
}`);

  const cases: string[] = [];
  for (let k = 0; k < f.count; k++) {
    const kind = f.ops[3 * k];
    const c = f.ops[3 * k + 1] as number;
    const x = f.ops[3 * k + 2] as number;
    if (kind === OP_ENTER) cases.push(`    case ${k}: return enter_${c}_${x}(a, off);`);
    else if (kind === OP_SCHEDULE) cases.push(`    case ${k}: return schedule_${c}_${x}(a, off);`);
    else if (kind === OP_POLL) cases.push(`    case ${k}: return poll_${x}(a, off);`);
  }
  out.push(`function apply(a, off, k) {
  switch (k) {
${cases.join('\n')}
  }
  throw new Error('internal: no operation ' + k);
}`);

  // Per coroutine: its entries, all its schedules, its schedules' first copies; per context: its poll.
  const bits = (pick: (k: number) => boolean): number => {
    let m = 0;
    for (let k = 0; k < f.count; k++) if (pick(k)) m |= 1 << k;
    return m;
  };
  const kindOf = (k: number): number => f.ops[3 * k] as number;
  const coOf = (k: number): number => f.ops[3 * k + 1] as number;
  const alwaysOffered = bits((k) => kindOf(k) !== OP_SCHEDULE);
  out.push(`function masks(a, off, out) {
  let offered = ${alwaysOffered};
  let changing = 0;
  let under = false;
${Array.from(
  { length: N },
  (_, c) => `  under = ${get(co(c, SCHEDULES))} < ${b.schedules};
  if (under) offered |= ${bits((k) => kindOf(k) === OP_SCHEDULE && coOf(k) === c)};
  if (${get(co(c, STATUS))} !== ${TERMINATED}) {
    changing |= ${bits((k) => kindOf(k) === OP_ENTER && coOf(k) === c)};
    if (under && ${get(co(c, MARK_CTX))} === 0) changing |= ${bits((k) => kindOf(k) === OP_SCHEDULE && coOf(k) === c && f.sameAs[k] === -1)};
  }`,
).join('\n')}
${Array.from({ length: M }, (_, x) => `  if (${get(armed(x))} !== 0) changing |= ${bits((k) => kindOf(k) === OP_POLL && f.ops[3 * k + 2] === x)};`).join('\n')}
  out[0] = offered;
  out[1] = changing;
}`);

  out.push(`function broken(a, off) {
  let status = 0;
  let x = 0;
  let seq = 0;
  let live = 0;
  let onItsList = 0;
${Array.from(
  { length: N },
  (_, c) => `  status = ${get(co(c, STATUS))};
  if (status === ${RUNNING}) return messages.running(${c});
  if (${get(co(c, MARK_CTX))} !== 0) {
    x = ${get(co(c, MARK_CTX))} - 1;
    seq = ${get(co(c, MARK_SEQ))} - 1;
    live = 0;
    onItsList = 0;
${Array.from({ length: M }, (_, y) => entriesDown(y, (i) => `if (${get(recCo(y, i))} === ${c} && ${get(recSeq(y, i))} === seq) { live++; if (x === ${y}) onItsList++; }`)).join('\n')}
    if (live > 1) return messages.liveRecords(${c}, live);
    if (onItsList === 0) return messages.markWithoutRecord(${c}, x, seq);
  }`,
).join('\n')}
${Array.from({ length: M }, (_, x) => `  if ((${get(armed(x))} === 1) !== (${get(len(x))} > 0)) return messages.armed(${x}, ${get(armed(x))}, ${get(len(x))});`).join('\n')}
  return null;
}`);
  // The operations that commute with `first`: ALWAYS ones, and IF_NOT_ENTERED ones when the coroutine
  // involved was not last entered from the poll's context (see `commutesAfter`).
  const commutingCases: string[] = [];
  for (let first = 0; first < f.count; first++) {
    let always = 0;
    const when = new Map<string, number>();
    for (let then = 0; then < f.count; then++) {
      const kind = f.commutes[first * f.count + then];
      if (kind === ALWAYS) always |= 1 << then;
      if (kind !== IF_NOT_ENTERED) continue;
      const [poll, other] = kindOf(first) === OP_POLL ? [first, then] : [then, first];
      const test = `${get(co(coOf(other), CTX))} !== ${(f.ops[3 * poll + 2] as number) + 1}`;
      when.set(test, (when.get(test) ?? 0) | (1 << then));
    }
    commutingCases.push(`    case ${first}: {
      let out = ${always};
${[...when].map(([test, m]) => `      if (${test}) out |= ${m};`).join('\n')}
      return out;
    }`);
  }
  out.push(`function commutingAfter(a, off, first) {
  switch (first) {
${commutingCases.join('\n')}
  }
  return 0;
}`);
  out.push('return { apply, masks, broken, commutingAfter };');
  return out.join('\n');
}
