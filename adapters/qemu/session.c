/*
 * Level 1: driver operations on QEMU's functions, one at a time on this thread. Coroutines run programs
 * (yield, schedule, enter, wake) through QEMU's qemu_coroutine_yield, aio_co_schedule, qemu_coroutine_enter
 * and aio_co_wake. QEMU has no check against using a coroutine after it terminated (it is freed or pooled):
 * where QEMU's own checks would not stop it first, the harness refuses a schedule of a terminated coroutine
 * (`entry-after-termination`, QEMU not called) and the backend refuses to switch into one.
 */
#include "harness.h"
#include "levels.h"
#include <setjmp.h>
#include <stdint.h>

enum { INS_YIELD, INS_SCHEDULE, INS_ENTER, INS_WAKE };
typedef struct { int kind, target, ctx; } Ins;

static struct {
  int nctx, nco, created, aborted;
  AioContext *ctx;
  Coroutine **co;
  Ins **prog;
  int *len, *pc;
  sigjmp_buf jmp;           /* where QEMU's abort() comes back to */
} L;

static int bad(long v, int n) { return v < 0 || v >= n; }

static __attribute__((noreturn)) void aborted(const char *kind, int co, const char *msg) {
  cokit_event("{\"ev\":\"abort\",\"kind\":\"%s\",\"co\":%d,\"message\":\"%s\"}", kind, co, msg);
  siglongjmp(L.jmp, 1);
}

/* The body of every coroutine: its program, instruction by instruction, through QEMU's functions. */
static void coroutine_fn body(void *arg) {
  int c = (int)(intptr_t)arg;
  while (L.pc[c] < L.len[c]) {
    Ins ins = L.prog[c][L.pc[c]++];
    Coroutine *target = ins.kind == INS_YIELD ? NULL : L.co[ins.target];
    switch (ins.kind) {
      case INS_YIELD: qemu_coroutine_yield(); break;
      case INS_SCHEDULE:
        if (!cokit_refuse_schedule(target, ins.ctx)) aio_co_schedule(&L.ctx[ins.ctx], target);
        break;
      case INS_ENTER: qemu_coroutine_enter(target); break;
      case INS_WAKE: {
        /* aio_co_wake reads target->ctx; a coroutine never entered has none (QEMU would use a NULL context):
         * the harness then enters it as aio_co_wake would on the waker's context, with QEMU's aio_co_enter. */
        AioContext *home = qatomic_read(&target->ctx), *here = qemu_get_current_aio_context();
        cokit_set_subject(target);
        if (home != NULL && home != here && cokit_refuse_schedule(target, home->cokit_id)) break;
        if (home != NULL) aio_co_wake(target);
        else aio_co_enter(here, target);
        break;
      }
    }
  }
}

void session_open(int contexts, int coroutines, Str *events) {
  L.nctx = contexts, L.nco = coroutines, L.created = 0, L.aborted = 0;
  cokit_log = events;
  cokit_bh_notify = NULL;
  cokit_on_abort = aborted;
  if ((L.ctx = calloc((size_t)contexts, sizeof(AioContext))) == NULL || (L.co = calloc((size_t)coroutines + 1, sizeof(Coroutine *))) == NULL ||
      (L.prog = calloc((size_t)coroutines + 1, sizeof(Ins *))) == NULL || (L.len = calloc((size_t)coroutines + 1, sizeof(int))) == NULL ||
      (L.pc = calloc((size_t)coroutines + 1, sizeof(int))) == NULL) {
    perror("cokit-qemu");
    exit(70);
  }
  for (int x = 0; x < contexts; x++) cokit_ctx_init(&L.ctx[x], x);
}

void session_close(void) {
  for (int x = 0; x < L.nctx; x++) cokit_ctx_destroy(&L.ctx[x]);
  for (int c = 0; c < L.nco; c++) free(L.prog[c]);
  cokit_co_free_all();
  free(L.ctx), free(L.co), free(L.prog), free(L.len), free(L.pc);
  cokit_on_abort = NULL;
}

static const char *create(long co, const JNode *prog) {
  if (co != L.created || bad(co, L.nco) || prog == NULL || prog->kind != J_ARR) return "bad create";
  int len = 0;
  for (const JNode *i = prog->child; i != NULL; i = i->next) len++;
  Ins *ins = calloc((size_t)len + 1, sizeof(Ins));
  if (ins == NULL) return "out of memory";
  int k = 0;
  for (const JNode *i = prog->child; i != NULL; i = i->next, k++) {
    ins[k].target = (int)json_int(i, "target", 0), ins[k].ctx = (int)json_int(i, "ctx", 0);
    if (json_is(i, "kind", "yield")) ins[k].kind = INS_YIELD;
    else if (json_is(i, "kind", "schedule")) ins[k].kind = INS_SCHEDULE;
    else if (json_is(i, "kind", "enter")) ins[k].kind = INS_ENTER;
    else if (json_is(i, "kind", "wake")) ins[k].kind = INS_WAKE;
    else { free(ins); return "bad instruction"; }
    if (ins[k].kind != INS_YIELD && (bad(ins[k].target, L.nco) || bad(ins[k].ctx, L.nctx))) { free(ins); return "instruction out of range"; }
  }
  L.prog[co] = ins, L.len[co] = len, L.pc[co] = 0;
  L.co[co] = qemu_coroutine_create(body, (void *)(intptr_t)co);
  cokit_co_set_id(L.co[co], (int)co);
  L.created++;
  return NULL;
}

const char *session_apply(const JNode *op) {
  long co = json_int(op, "co", -1), ctx = json_int(op, "ctx", -1), from = json_int(op, "from", -1);
  if (json_is(op, "op", "create")) return create(co, json_get(op, "program"));
  if (L.created < L.nco) return "operation before every coroutine was created";
  int enter = json_is(op, "op", "enter"), schedule = json_is(op, "op", "schedule"), poll = json_is(op, "op", "poll");
  if (!enter && !schedule && !poll) return "unknown op";
  if ((enter && (bad(co, L.nco) || bad(from, L.nctx))) || (schedule && (bad(co, L.nco) || bad(ctx, L.nctx) || bad(from, L.nctx))) || (poll && bad(ctx, L.nctx)))
    return "operation out of range";
  if (L.aborted) return NULL; /* QEMU aborted: the process it stands for is gone */
  if (sigsetjmp(L.jmp, 0)) {
    L.aborted = 1;
    return NULL;
  }
  if (enter) {
    cokit_set_current_ctx(&L.ctx[from]);
    qemu_aio_coroutine_enter(&L.ctx[from], L.co[co]);
  } else if (schedule) {
    cokit_set_current_ctx(&L.ctx[from]);
    if (!cokit_refuse_schedule(L.co[co], (int)ctx)) aio_co_schedule(&L.ctx[ctx], L.co[co]);
  } else {
    cokit_set_current_ctx(&L.ctx[ctx]);
    cokit_bh_poll(&L.ctx[ctx]);
  }
  return NULL;
}
