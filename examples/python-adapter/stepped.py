"""Level 2 of the Python example: the seed's algorithm with a stop before each of its atomic steps.

Each thread (a bottom half per context, then one per driver of the program) is a generator stopped before
its next step; `step(t)` runs exactly one step of thread t and says what it did, so cokit's choices decide
who moves next (an injected interleaver). `run_interleaved` takes a whole run the way the protocol's
`run-interleaved` asks (adapters/process/PROTOCOL.md)."""

PAUSE, IDLE, DONE = "pause", "idle", "done"


class Record:
    """One call of aio_co_schedule(ctx, co): a fresh object per call, so identity tells schedules apart."""

    def __init__(self, co, ctx):
        self.co, self.ctx = co, ctx


class Stepped:
    def __init__(self, program):
        n, k = program["coroutines"], program["contexts"]
        self.yields = program["yields"]
        self.mark = [None] * n  # co->scheduled: the pending schedule's record
        self.caller = [None] * n  # co->caller: the thread inside an entry of it
        self.segments = [0] * n  # entries completed; above `yields` it has terminated
        self.lists = [[] for _ in range(k)]  # ctx->scheduled_coroutines, newest first
        self.armed = [False] * k  # ctx->co_schedule_bh scheduled
        self.out = None
        drivers = [self.driver(k + d, ops) for d, ops in enumerate(program["drivers"])]
        self.threads = [self.bh(x) for x in range(k)] + drivers
        self.at = [next(g, DONE) for g in self.threads]

    def runnable(self):
        """Threads stopped before a step, and the BHs waiting whose context is armed; ascending."""
        return [t for t, p in enumerate(self.at) if p == PAUSE or (p == IDLE and self.armed[t])]

    def step(self, t):
        self.out = None
        self.at[t] = next(self.threads[t], DONE)
        if self.out is None:
            raise RuntimeError(f"thread {t} took no step")
        return self.out

    def emit(self, step, co, events=()):
        if self.out is not None:
            raise RuntimeError(f"two steps ({self.out['step']}, {step}) without a stop between them")
        self.out = {"step": step, "co": co, "events": list(events)}

    def refusal(self, kind, co, message):
        return [{"ev": "error", "kind": kind, "co": co, "message": message}]

    def bh(self, x):
        """co_schedule_bh_cb(ctx) on context x's thread, whenever its BH is armed."""
        while True:
            yield IDLE
            self.armed[x] = False
            batch, self.lists[x] = list(reversed(self.lists[x])), []  # QSLIST_MOVE_ATOMIC, then reverse
            self.emit("take", -1)
            for rec in batch:
                yield PAUSE
                marked = self.mark[rec.co] is rec
                self.emit("read-mark", rec.co)
                if marked:
                    yield from self.entry(x, rec.co, x, "bh")

    def driver(self, t, ops):
        for op in ops:
            yield PAUSE
            if op["op"] == "schedule":
                self.emit("start-schedule", op["co"])
                yield from self.schedule(Record(op["co"], op["ctx"]))
            else:
                self.emit("start-enter", op["co"])
                yield from self.entry(t, op["co"], op["from"], "direct")

    def schedule(self, rec):
        """aio_co_schedule(ctx, co): mark (refusing a terminated or scheduled coroutine), publish, arm."""
        c, x = rec.co, rec.ctx
        yield PAUSE
        # Set co->scheduled before the coroutine becomes visible in the list
        if self.segments[c] > self.yields:
            return self.emit("mark", c, self.refusal("entry-after-termination", c, f"c{c} scheduled after it terminated"))
        if self.mark[c] is not None:
            kind = "double-schedule" if self.mark[c].ctx == x else "scheduled-elsewhere"
            return self.emit("mark", c, self.refusal(kind, c, f"c{c} scheduled on x{x} while scheduled on x{self.mark[c].ctx}"))
        self.mark[c] = rec
        self.emit("mark", c)
        yield PAUSE
        self.lists[x].insert(0, rec)
        self.emit("publish", c)
        yield PAUSE
        self.armed[x] = True
        self.emit("arm", c)

    def entry(self, t, c, x, by):
        """qemu_aio_coroutine_enter(ctx, co) on thread t: check the caller, set it, clear the mark, switch, yield."""
        yield PAUSE
        if self.segments[c] > self.yields:
            return self.emit("check-caller", c, self.refusal("entry-after-termination", c, f"c{c} entered after it terminated"))
        if self.caller[c] is not None:
            return self.emit("check-caller", c, self.refusal("recursive-entry", c, f"c{c} entered while it is running"))
        self.emit("check-caller", c)
        yield PAUSE
        self.caller[c] = t
        self.emit("set-caller", c)
        yield PAUSE
        # Reset co->scheduled only after setting co->caller: the cancel
        self.mark[c] = None
        self.emit("clear-mark", c)
        yield PAUSE
        self.emit("switch", c, [{"ev": "entered", "co": c, "ctx": x, "by": by}])
        yield PAUSE
        self.segments[c] += 1
        self.caller[c] = None
        done = self.segments[c] > self.yields
        self.emit("yield", c, [{"ev": "terminated" if done else "yielded", "co": c}])


def run_interleaved(program, choices, max_steps):
    """A whole level-2 run: at step i move the runnable thread at choices[i] % count (the first once the
    choices run out) until none can move, or for max_steps steps. Returns (end, steps)."""
    s, steps = Stepped(program), []
    while True:
        runnable = s.runnable()
        if not runnable:
            return "completed", steps
        if len(steps) >= max_steps:
            return "step-limit", steps
        i = len(steps)
        t = runnable[choices[i] % len(runnable) if i < len(choices) else 0]
        steps.append({"runnable": runnable, "thread": t, **s.step(t)})
