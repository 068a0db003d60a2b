#!/usr/bin/env python3
"""A tiny coroutine scheduler with the semantics of QEMU's "Cancel aio_co_schedule() on direct entry",
speaking cokit's process protocol (adapters/process/PROTOCOL.md). Standard library only: copy it and put
your scheduler where this one is.

Coroutines are Python generators running their program; a `yield` hands control back to whoever entered
them (the driver, a context's bottom half, or a coroutine doing a nested entry)."""
import json
import sys

from stepped import run_interleaved

FRESH, RUNNING, SUSPENDED, TERMINATED = "fresh", "running", "suspended", "terminated"


class Coroutine:
    def __init__(self, cid, program, sched):
        self.id, self.program, self.status, self.ctx = cid, program, FRESH, None
        self.scheduled = None  # co->scheduled: the pending record (a fresh object per schedule)
        self.wakeups = []  # co_queue_wakeup
        self.body = self._run(sched)

    def _run(self, s):
        for ins in self.program:
            kind = ins["kind"]
            if kind == "yield":
                self.status = SUSPENDED
                s.emit({"ev": "yielded", "co": self.id})
                yield
            elif kind == "schedule":
                s.schedule(ins["target"], ins["ctx"])
            elif kind == "enter":
                s.enter_loop(ins["target"], self.ctx, "direct")
            elif kind == "wake":  # aio_co_wake
                t = s.cos[ins["target"]]
                home = t.ctx if t.ctx is not None else self.ctx
                if home != self.ctx:
                    s.schedule(t.id, home)
                elif t is self:
                    s.error("recursive-entry", self.id, "woke itself while running")
                else:
                    self.wakeups.append(t.id)
        self.status = TERMINATED
        s.emit({"ev": "terminated", "co": self.id})


class Scheduler:
    def __init__(self, contexts):
        self.cos, self.events = [], []
        self.lists = [[] for _ in range(contexts)]  # ctx->scheduled_coroutines, oldest first
        self.armed = [False] * contexts  # ctx->co_schedule_bh scheduled

    def emit(self, e):
        self.events.append(e)

    def error(self, kind, co, message):
        self.emit({"ev": "error", "kind": kind, "co": co, "message": message})

    def schedule(self, c, x):
        """aio_co_schedule(ctx, co): set the mark, publish a fresh record, arm the BH."""
        co = self.cos[c]
        if co.status == TERMINATED:
            return self.error("entry-after-termination", c, f"c{c} scheduled after it terminated")
        if co.scheduled is not None:
            kind = "double-schedule" if co.scheduled[0] == x else "scheduled-elsewhere"
            return self.error(kind, c, f"c{c} scheduled on x{x} while scheduled on x{co.scheduled[0]}")
        record = (x, object())
        co.scheduled = record
        self.lists[x].append((c, record))
        self.armed[x] = True

    def poll(self, x):
        """co_schedule_bh_cb(ctx): take the list, enter each coroutine whose mark is still its record."""
        if not self.armed[x]:
            return
        taken, self.lists[x], self.armed[x] = self.lists[x], [], False
        for c, record in taken:
            if self.cos[c].scheduled is record:
                self.enter_loop(c, x, "bh")

    def enter_loop(self, first, x, by):
        """qemu_aio_coroutine_enter(ctx, co): enter, then depth-first whatever each entered one woke."""
        pending, how = [first], by
        while pending:
            c = pending.pop(0)
            co = self.cos[c]
            if co.status == RUNNING:
                self.error("recursive-entry", c, f"c{c} entered while it is running")
            elif co.status == TERMINATED:
                self.error("entry-after-termination", c, f"c{c} entered after it terminated")
            else:
                co.ctx, co.scheduled, co.status = x, None, RUNNING  # the cancel: the mark is cleared
                co.wakeups = []
                self.emit({"ev": "entered", "co": c, "ctx": x, "by": how})
                next(co.body, None)
                pending = co.wakeups + pending
            how = "direct"

    def apply(self, op):
        self.events = []
        kind = op["op"]
        if kind == "create":
            self.cos.append(Coroutine(op["co"], op["program"], self))
        elif kind == "enter":
            self.enter_loop(op["co"], op["from"], "direct")
        elif kind == "schedule":
            self.schedule(op["co"], op["ctx"])
        elif kind == "poll":
            self.poll(op["ctx"])
        return self.events


def main():
    def send(m):
        sys.stdout.write(json.dumps(m) + "\n")
        sys.stdout.flush()

    meta = {"name": "python-example", "version": "1.0.0", "profile": "cancel", "levels": [1, 2]}
    send({"type": "hello", "protocol": 1, "meta": meta})
    sched = None
    for line in sys.stdin:
        m = json.loads(line)
        if m["type"] == "open":
            sched = Scheduler(m["config"]["contexts"])
            send({"type": "opened", "id": m["id"]})
        elif m["type"] == "apply" and sched is not None:
            send({"type": "applied", "id": m["id"], "events": [sched.apply(op) for op in m["ops"]]})
        elif m["type"] == "close":
            sched = None
            send({"type": "closed", "id": m["id"]})
        elif m["type"] == "run-interleaved":  # level 2 (stepped.py)
            end, steps = run_interleaved(m["program"], m["choices"], m["maxSteps"])
            send({"type": "stepped", "id": m["id"], "end": end, "steps": steps})
        else:
            send({"type": "error", "id": m.get("id", 0), "message": f"unexpected {m['type']}"})


if __name__ == "__main__":
    main()
