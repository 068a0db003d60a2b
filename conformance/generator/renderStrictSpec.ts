import type { ClauseSource } from './readClauses';
import type { MutantLine } from './renderSpec';

const MODEL = `The semantics of upstream QEMU since commit 6133b39f ("coroutine: abort if we try to schedule or enter a
pending coroutine", QEMU 2.11, November 2017), which every QEMU since runs instead of the seed's cancel. Clauses
cite QEMU's \`util/async.c\` and \`util/qemu-coroutine.c\` (as in QEMU 7.2, Debian's \`qemu\` source package).
An adapter whose meta declares \`profile: 'strict'\` is judged by these clauses (\`cokit certify\`), or any
adapter with \`--profile strict\`; \`cokit classify\` finds which profile a scheduler implements.

## The model (differences from profile \`cancel\`)

- **The mark.** \`co->scheduled\` is set only by \`aio_co_schedule\`'s \`qatomic_cmpxchg(&co->scheduled, NULL,
  __func__)\` and cleared only by the BH, \`qatomic_set(&co->scheduled, NULL)\` right before it enters the
  coroutine. Nothing is ever cancelled: the BH enters every coroutine on the list it took, in order.
- **Aborts.** Scheduling a coroutine whose mark is set, or entering one (\`qemu_aio_coroutine_enter\` reads the
  mark first), prints "Co-routine was already scheduled in '<fn>'" and calls \`abort()\`; entering a running one
  prints "Co-routine re-entered recursively" and aborts; a coroutine waking itself fails \`aio_co_enter\`'s
  \`assert(self != co)\`. The spec's event is \`abort(kind, c, message)\` with kind \`already-scheduled\` or
  \`recursive-entry\`. It is the last event of the session: after it the spec enables no operation, and the
  kit sends nothing more but \`close\`. A scheduler that reports the conflict and goes on (profile \`cancel\`'s
  \`error(double-schedule)\`, say) shows events the strict prediction does not have, and fails (ST2, ST5, ST7).
- **A child that really aborts.** Over the process protocol the child reports the abort in its reply to the
  operation (then it may exit). If it dies instead (a real SIGABRT) with QEMU's message on stderr and no reply,
  the kit reads the message as the abort event (its kind from the message; the coroutine, and any events
  before it in that operation, from the prediction, which a dead child cannot report); any other death is a
  crash (an adapter error, never a pass).
- **What upstream leaves undefined.** Entering or scheduling a terminated coroutine is a use after free
  upstream (\`coroutine_delete\`); the kit keeps profile \`cancel\`'s contract for it, \`error(entry-after-termination)\`,
  but only after QEMU's own checks (a terminated coroutine whose mark is still set aborts).
- **Wake queues are QEMU's.** \`pending\` and \`co_queue_wakeup\` are QSIMPLEQs over one \`co_queue_next\` link per
  coroutine: waking a coroutine that is already queued relinks it (what followed it is cut off). Found by
  certifying QEMU's own code (\`adapters/qemu\`).
- **Level 2** (\`spec/strict/interleaved\`): the compare-and-swap, publish and arm of \`aio_co_schedule\`; the BH's
  take, then per coroutine clear-mark and the entry; the entry's read-mark, check-caller, set-caller, switch,
  yield (a termination releases the caller one step later, in \`coroutine_delete\`). A thread that reads a
  conflict aborts one step later (QEMU prints first); the abort ends every thread. Level 3 traces (real threads)
  are checked against this model, aborts included. \`cokit check --model interleaved --profile strict\` explores it; the
  variants \`check-then-set\` and \`publish-before-mark\` break ST8 and ST9.
`;

const RACE = `## Can a BH delivery racing a direct entry enter a coroutine twice? Yes.

Upstream's entry reads the mark, then checks \`co->caller\`, then sets it: a check then a set, not one atomic
step. A direct entry that reads the mark after the BH cleared it (or before the schedule set it) and checks
the caller before the BH's entry sets it switches into the coroutine while the BH does: entered twice, and
nobody aborts. \`cokit check --model interleaved --profile strict --double-entry --coroutines 1 --contexts 1
--drivers 2 --schedules 1 --yields 1\` finds it in 393 states (596 transitions): the shortest run has 15 steps
(T0 schedules c0; the BH takes the list, clears the mark, reads it, checks the caller; T1 begins its entry,
reads the unset mark, checks the unset caller; both set the caller and switch). Counting every complete
interleaving of \`T0: schedule(c0, x0) ‖ T1: enter(c0)\` with the BH of x0 (\`raceOutcomes\`,
spec/strict/interleaved/raceOutcomes.ts; a thread that reads a conflict aborts one step later, as QEMU prints
its message first, so other threads may move in between): of 3,639, **852 enter c0 twice**, 1,218 abort
"re-entered recursively", 148 abort "already scheduled" (the entry read the mark while the schedule was
pending), and 1,421 have no conflict (one entry wholly before the other). Two racing schedules never both win
(0 of 1,010: 380 abort, 630 without conflict). So 6133b39f's checks are a diagnostic for callers that serialise on the AioContext (a
pending schedule met by a later entry, as in the NBD and 9pfs reports), not a guard against concurrent
entries; neither is the seed's cancel (the same check-then-set on the caller; see CO8). QEMU's own code has the
same two plain statements (\`if (to->caller) { ... abort(); } to->caller = from;\`).
`;

/** SPEC.md's second part: profile `strict`, clause by clause with upstream's code. */
export function renderStrictSpec(clauses: readonly ClauseSource[], mutants: readonly MutantLine[]): string {
  const out = [
    '# cokit specification — profile `strict`',
    '',
    MODEL,
    '## Clauses',
    '',
    '| id | slug | level | statement |',
    '|---|---|---|---|',
    ...clauses.map((c) => `| ${c.id} | ${c.slug} | ${c.level} | ${c.statement} |`),
    '',
  ];
  for (const c of clauses) {
    const killers = mutants.filter((m) => m.kills === c.id);
    out.push(
      `### ${c.id} ${c.slug}${c.status === 'retired' ? ' (retired)' : ''}`,
      '',
      `**${c.statement}**`,
      '',
      `- Level ${c.level}, profile \`${c.profile}\`; source \`${c.file}\`.`,
      `- Situation the generators steer towards: ${c.situation}.`,
      `- Predicate: ${c.doc}`,
      ...(killers.length > 0 ? [`- Proved able to fail by: ${killers.map((m) => `\`${m.name}\` (${m.summary})`).join('; ')}`] : []),
      ...(c.violatedBy !== null ? [`- Model-checked (\`cokit check --model interleaved --profile strict\`): holds in upstream's order; the swapped order \`${c.violatedBy}\` violates it, with a shortest counterexample.`] : []),
      '',
      'From upstream QEMU:',
      '',
      ...c.upstream.map((u) => `- \`${u.file}\`, \`${u.fn}\`: “${u.quote}”`),
      '',
    );
  }
  out.push(RACE);
  return out.join('\n');
}
