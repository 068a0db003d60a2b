/**
 * SPEC.md's section on the interleaved model's partial-order reduction: what it keeps and why every violation
 * the full search finds is still found (spec/explorer/reduction.ts, spec/interleaved/independence.ts).
 */
export const REDUCTION = `## Partial-order reduction (level 2)

\`cokit check --model interleaved\` explores, by default, a reduced state space (\`--reduction none\` explores
every interleaving). At each state it expands the steps of a *persistent set* of threads only (Godefroid,
*Partial-Order Methods for the Verification of Concurrent Systems*, 1996): threads whose steps no sequence of
steps of the other threads can depend on. The verdict is the full search's, and so is the counterexample: a
violation found at depth d is searched for again without the reduction, breadth-first and no deeper than d, and
that search's first violation is the full search's shortest one.

**Variables.** Per coroutine c: \`mark(c)\` (\`co->scheduled\`, with the ghost live record and the ghost status of
c's records), \`caller(c)\`, \`segments(c)\`, and the ghost \`window(c)\`: the drivers whose entry of c has cleared
the mark and not yet set the caller. Per context x: \`list(x)\` and \`armed(x)\`. Two things are left out on
purpose. \`running(c)\` is only incremented (\`switch\`) and decremented (\`yield\`), and no step or invariant reads
it: those updates commute. A record's coroutine and context are written once, by its driver's \`start\` step,
before the record is on a list or in a mark, where another thread could first read them: starting an operation
touches nothing shared.

**Footprints.** \`start-schedule\`, \`start-enter\`, \`switch\`: nothing. \`mark\`: reads \`segments(c)\`, writes
\`mark(c)\`. \`publish\`: writes \`list(x)\`. \`arm\`: writes \`armed(x)\`. BH \`take\`: writes \`list(x)\` and \`armed(x)\`,
and is the one step enabled by shared state (\`armed(x)\`). \`read-mark\`: reads \`mark(c)\`. \`check-caller\`: reads
\`caller(c)\` and \`segments(c)\`, and in a BH \`window(c)\`. \`set-caller\`: writes \`caller(c)\`; \`clear-mark\`: writes
\`mark(c)\`; each also writes \`window(c)\` in a driver when it moves the driver in or out of the window.
\`yield\`: writes \`segments(c)\` and \`caller(c)\`. Steps of different threads whose footprints do not conflict (one
writes what the other reads or writes) commute, and neither enables or disables the other: every step but
\`take\` is enabled by its thread's own program counter alone.

**Persistent sets.** At a state, each thread's next step has a footprint, and the thread a *future*: every
variable it may touch from now on. A driver in an operation on (c, x) may touch what that operation's remaining
steps touch, then what its remaining operations touch: all variables while a free driver has operations left,
only its program's for a fixed program. A BH may touch its list and flag, and then read the mark of and enter
every coroutine in its batch, on its list, or that a driver may still publish on its context. From a seed
thread that can move, the set grows to a fixed point: a thread whose next step is enabled brings in every
thread whose future conflicts with that step; a BH whose \`take\` is disabled brings in every thread that may
write its \`armed(x)\`. No thread outside the set can then take a step dependent on one inside, or enable one:
the enabled steps inside are persistent. Of all seeds the set with fewest steps is kept.

**Why every violation is still found.** The state graph is acyclic (each step uses up part of a finite budget:
an operation started, a program counter advanced, a record taken or read, a segment run), so no proviso against
ignoring a thread is needed, and every state without successors of the full graph is reached (Godefroid, th.
4.3): deadlocks are kept. For the invariants, each is made a property of the step that would break it, decided
by that step's footprint and its own thread's state; a step whose footprint conflicts with no step of the
persistent set cannot change that decision, so the usual argument (move the first step of the persistent set
on a path to a violation to the front, or, when there is none, take a step of the set first, which commutes
with the whole path; induct on the length of the longest path from the state) carries a path to a violation
over to the reduced graph.

- CO7 mark-before-publish is decided at a BH's \`read-mark\` by \`mark(c)\`, which the step reads.
- CO8 caller-before-unmark is decided at a BH's \`check-caller\` by \`caller(c)\`, \`segments(c)\` (the report) and
  \`window(c)\`, which the step reads.
- published-implies-armed (x) can be broken by no step: \`publish\` leaves its driver between publishing and
  arming, \`arm\` arms, \`take\` empties the list, and only \`arm\` takes a driver out of that stretch. It is checked
  on every state kept.
- caller-is-entering (c) can be broken only by a step that sets the caller (\`set-caller\` names its own thread,
  inside the entry) or by the caller's thread leaving its entry (\`yield\`, \`check-caller\` refusing), all of
  which touch \`caller(c)\`.
- A deadlock is a state without successors: kept, as above.

The reduction is argued for these invariants only: the explorer refuses it for a model checking any other.
Tests compare it with the full search on every variant and bound of the interleaved tests (the same verdict and
counterexample, every end of a run reached, never more states), and show that a relation claiming too much
independence loses CO7's and CO8's violations. At 2 coroutines, 2 contexts, 2 yields, 2 drivers × 2 operations
(patch) it keeps 1,110,449 of the 2,727,554 states.
`;
