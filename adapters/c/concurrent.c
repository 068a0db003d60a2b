/*
 * Levels 2 and 3: a concurrent program (driver threads issuing aio_co_schedule() and
 * qemu_aio_coroutine_enter() at once, one BH thread per AioContext) run on real pthreads, with the seed's
 * algorithm as in spec/interleaved/steps.ts: the mark is a record set by compare-and-swap before the record
 * is published, the BH takes the whole list and enters only what is still marked with that record, an entry
 * sets the caller before it clears the mark.
 *
 * Level 3 (concurrent_run). The threads run freely, with seeded delays between steps. The steps that produce
 * events or read what event-producing steps write (the mark's refusal, the caller check, the switch, the
 * yield) run under one lock, so the log's order is an order in which they happened; the other steps are
 * single atomic operations. Every run's log is then the trace of some interleaving of the model's atomic
 * steps, which is what cokit checks.
 *
 * Level 2 (stepped_run). The same code, but every step point is a gate: a thread stops before each of the
 * seed's steps and waits until the controller (the protocol thread) lets it through, so exactly one thread
 * moves at a time and cokit's choices decide which. Each step names itself (step_done) and its events are
 * kept per step.
 */
#define _GNU_SOURCE
#include "concurrent.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#define STACK_SIZE (64 * 1024)

/* A thread's number (BH threads 0..contexts-1, then the drivers) and its delay generator (level 3). */
typedef struct { int t; unsigned rng; } Th;

typedef struct CRec { int co, ctx; struct CRec *next, *all; } CRec;

typedef struct {
  _Atomic(CRec *) mark;   /* co->scheduled: the pending schedule's record */
  atomic_int caller;      /* co->caller: the entering thread, -1 for none */
  atomic_int segments;    /* entries completed; above `yields` it has terminated */
  ucontext_t uc, *ret;
  char *stack;
} CCo;

typedef struct {
  _Atomic(CRec *) head;   /* ctx->scheduled_coroutines, newest first */
  atomic_int armed, busy;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  Th th;
} CCtx;

typedef struct { Th th; int nops; const COp *ops; pthread_t thread; } CDriver;

/* Where a thread is, for the level-2 controller. */
typedef enum { T_RUN, T_PAUSE, T_IDLE, T_DONE } TState;

static struct {
  int nco, nctx, ndrv, yields;
  CCo *co;
  CCtx *ctx;
  CDriver *drv;
  pthread_mutex_t log_mu;       /* the observation lock: the log's order is its acquisition order */
  Str *log;
  _Atomic(CRec *) records;      /* every record, freed at the end */
  atomic_int quit, go;
  unsigned seed;
  int stepped;                  /* level 2: every step point is a gate */
} R;

/* Level 2's gates: one lock; the controller waits on `cv` for the threads to stop, each thread on its own
 * `tcv[t]` for its turn, and the controller lets one thread (`grant`) through at a time. */
static struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_cond_t *tcv;
  TState *st;
  int grant, stop;
  const char *step;             /* what the granted thread's step was: its name and coroutine */
  int co, steps_taken;
} G;

/* A small xorshift per thread: the seed decides the delays, so runs differ and a seed repeats a program. */
static unsigned next_rand(unsigned *s) {
  unsigned x = *s ? *s : 0x9e3779b9u;
  x ^= x << 13, x ^= x >> 17, x ^= x << 5;
  return *s = x;
}

/* Between steps: nothing, a yield of the CPU, or a short spin, as the thread's generator says. */
static void jitter(unsigned *s) {
  unsigned r = next_rand(s) % 16;
  if (r < 8) return;
  if (r < 12) { sched_yield(); return; }
  for (volatile unsigned i = 0, n = next_rand(s) % 2000; i < n; i++) {}
}

/* Level 2: stop thread t before its next step (`idle`: a BH waiting for its context to be armed) until the
 * controller grants it; when the run is over (done or out of steps) the thread ends here. */
static void gate(int t, TState why) {
  pthread_mutex_lock(&G.mu);
  G.st[t] = why;
  pthread_cond_signal(&G.cv);
  while (G.grant != t && !G.stop) pthread_cond_wait(&G.tcv[t], &G.mu);
  if (G.stop) {
    pthread_mutex_unlock(&G.mu);
    pthread_exit(NULL);
  }
  G.grant = -1;
  G.st[t] = T_RUN;
  pthread_mutex_unlock(&G.mu);
}

/* Before each of the seed's steps: a gate at level 2, a seeded delay at level 3. */
static void step_point(Th *th) {
  if (R.stepped) gate(th->t, T_PAUSE);
  else jitter(&th->rng);
}

/* Level 2: the step just taken (exactly one between two gates) was `name` on coroutine `co`. */
static void step_done(const char *name, int co) {
  if (!R.stepped) return;
  pthread_mutex_lock(&G.mu);
  G.step = name, G.co = co;
  G.steps_taken++;
  pthread_mutex_unlock(&G.mu);
}

/* Append an event to the run's log; only under `log_mu`, so the log's order is the order of the steps. */
#define logf_locked(...) str_item(R.log, __VA_ARGS__)

static void co_body(int c) {
  CCo *co = &R.co[c];
  for (;;) swapcontext(&co->uc, co->ret); /* each entry runs to its next yield at once */
}

/* Claim the caller and cancel the pending schedule, in the seed's order (or, built as the CO8 mutant, swapped). */
static void set_caller(CCo *co, int t, int c) {
  /* At level 3 the check-caller step already claimed it (a compare-and-swap); at level 2 the steps run one at a
   * time, so the check and the set are separate steps, as in the seed. */
  if (R.stepped) atomic_store(&co->caller, t);
  step_done("set-caller", c);
}

static void clear_mark(CCo *co, int c) {
  atomic_store(&co->mark, NULL);
  step_done("clear-mark", c);
}

/* qemu_aio_coroutine_enter(ctx, co) on thread t: check (and claim) the caller, clear the mark, switch, yield. */
static void entry(Th *th, int c, int ctx, int by_bh) {
  CCo *co = &R.co[c];
  int t = th->t;
  step_point(th);
  pthread_mutex_lock(&R.log_mu);
  if (atomic_load(&co->segments) > R.yields) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"entry-after-termination\",\"co\":%d,\"message\":\"c%d entered after it terminated\"}", c, c);
    step_done("check-caller", c);
    pthread_mutex_unlock(&R.log_mu);
    return;
  }
  int none = -1;
  /* Level 3: the check and the set of co->caller as one compare-and-swap, so two entries never both switch to
   * the coroutine on two threads at once. Level 2: the check reads, set_caller writes. */
  int taken = R.stepped ? atomic_load(&co->caller) != -1 : !atomic_compare_exchange_strong(&co->caller, &none, t);
  if (taken) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"recursive-entry\",\"co\":%d,\"message\":\"c%d entered while it is running\"}", c, c);
    step_done("check-caller", c);
    pthread_mutex_unlock(&R.log_mu);
    return;
  }
  step_done("check-caller", c);
  pthread_mutex_unlock(&R.log_mu);
#ifdef COKIT_UNMARK_BEFORE_CALLER
  step_point(th);
  clear_mark(co, c);        /* the broken order: a BH that reads the mark now finds none to stop it... */
  step_point(th);
  set_caller(co, t, c);     /* ...and no caller yet either */
#else
  step_point(th);
  set_caller(co, t, c);
  /* reset co->scheduled only after setting co->caller */
  step_point(th);
  clear_mark(co, c);
#endif
  step_point(th);
  pthread_mutex_lock(&R.log_mu);
  logf_locked("{\"ev\":\"entered\",\"co\":%d,\"ctx\":%d,\"by\":\"%s\"}", c, ctx, by_bh ? "bh" : "direct");
  step_done("switch", c);
  pthread_mutex_unlock(&R.log_mu);
  ucontext_t here;
  co->ret = &here;
  swapcontext(&here, &co->uc);
  step_point(th);
  pthread_mutex_lock(&R.log_mu);
  int seg = atomic_fetch_add(&co->segments, 1) + 1;
  atomic_store(&co->caller, -1);
  if (seg > R.yields) logf_locked("{\"ev\":\"terminated\",\"co\":%d}", c);
  else logf_locked("{\"ev\":\"yielded\",\"co\":%d}", c);
  step_done("yield", c);
  pthread_mutex_unlock(&R.log_mu);
}

/* The mark: compare-and-swap from unset, refusing a terminated or already scheduled coroutine. */
static int mark(CRec *r) {
  CCo *co = &R.co[r->co];
  pthread_mutex_lock(&R.log_mu);
  CRec *old = NULL;
  int ok = 0;
  if (atomic_load(&co->segments) > R.yields) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"entry-after-termination\",\"co\":%d,\"message\":\"c%d scheduled after it terminated\"}", r->co, r->co);
  } else if (!atomic_compare_exchange_strong(&co->mark, &old, r)) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"%s\",\"co\":%d,\"message\":\"c%d scheduled on x%d while scheduled on x%d\"}", old->ctx == r->ctx ? "double-schedule" : "scheduled-elsewhere", r->co, r->co, r->ctx, old->ctx);
  } else ok = 1;
  step_done("mark", r->co);
  pthread_mutex_unlock(&R.log_mu);
  return ok;
}

static void publish(CRec *r) {
  CCtx *ctx = &R.ctx[r->ctx];
  CRec *head = atomic_load(&ctx->head);
  do r->next = head; while (!atomic_compare_exchange_weak(&ctx->head, &head, r));
  step_done("publish", r->co);
}

static void arm(CRec *r) {
  CCtx *ctx = &R.ctx[r->ctx];
  atomic_store(&ctx->armed, 1);
  step_done("arm", r->co);
  if (R.stepped) return; /* level 2: the BH waits at its gate, and the controller sees it armed */
  pthread_mutex_lock(&ctx->mu);
  pthread_cond_signal(&ctx->cv);
  pthread_mutex_unlock(&ctx->mu);
}

/* aio_co_schedule(ctx, co): set the mark before the record becomes visible in the list, then arm the BH. */
static void co_schedule(Th *th, int c, int x) {
  CRec *r = calloc(1, sizeof *r);
  if (r == NULL) abort();
  r->co = c, r->ctx = x;
  CRec *all = atomic_load(&R.records);
  do r->all = all; while (!atomic_compare_exchange_weak(&R.records, &all, r));
  step_point(th);
#ifdef COKIT_PUBLISH_BEFORE_MARK
  publish(r);               /* the broken order: visible before it is marked */
  step_point(th);
  mark(r);
#else
  if (!mark(r)) return;
  step_point(th);
  publish(r);
#endif
  step_point(th);
  arm(r);
}

/* Level 3: wait until context x's BH is armed; 0 when the run is over. Level 2: the controller's gate. */
static int bh_wait(CCtx *ctx, int x) {
  if (R.stepped) {
    gate(x, T_IDLE);
    return 1;
  }
  pthread_mutex_lock(&ctx->mu);
  while (!atomic_load(&ctx->armed) && !atomic_load(&R.quit)) pthread_cond_wait(&ctx->cv, &ctx->mu);
  pthread_mutex_unlock(&ctx->mu);
  if (atomic_load(&R.quit) && !atomic_load(&ctx->armed)) return 0;
  jitter(&ctx->th.rng);
  return 1;
}

/* co_schedule_bh_cb on context x's own thread, whenever its BH is armed. */
static void *bh_thread(void *arg) {
  int x = (int)(long)arg;
  CCtx *ctx = &R.ctx[x];
  while (bh_wait(ctx, x)) {
    atomic_store(&ctx->busy, 1);
    if (!atomic_exchange(&ctx->armed, 0)) { atomic_store(&ctx->busy, 0); continue; }
    CRec *reversed = atomic_exchange(&ctx->head, NULL), *straight = NULL;
    while (reversed != NULL) { CRec *r = reversed; reversed = r->next; r->next = straight; straight = r; }
    step_done("take", -1);
    for (CRec *r = straight; r != NULL; r = r->next) {
      step_point(&ctx->th);
      int marked = atomic_load(&R.co[r->co].mark) == r;
      step_done("read-mark", r->co);
      if (marked) entry(&ctx->th, r->co, x, 1);
    }
    atomic_store(&ctx->busy, 0);
  }
  return NULL;
}

static void *driver_thread(void *arg) {
  CDriver *d = arg;
  if (!R.stepped) while (!atomic_load(&R.go)) sched_yield(); /* a start barrier: every driver begins at once */
  for (int k = 0; k < d->nops; k++) {
    const COp *op = &d->ops[k];
    if (R.stepped) {
      gate(d->th.t, T_PAUSE);
      step_done(op->kind == COP_SCHEDULE ? "start-schedule" : "start-enter", op->co);
    }
    if (op->kind == COP_SCHEDULE) co_schedule(&d->th, op->co, op->ctx);
    else entry(&d->th, op->co, op->ctx, 0);
  }
  if (R.stepped) {
    pthread_mutex_lock(&G.mu);
    G.st[d->th.t] = T_DONE;
    pthread_cond_signal(&G.cv);
    pthread_mutex_unlock(&G.mu);
  }
  return NULL;
}

static int quiescent(void) {
  for (int x = 0; x < R.nctx; x++) {
    CCtx *ctx = &R.ctx[x];
    if (atomic_load(&ctx->armed) || atomic_load(&ctx->busy) || atomic_load(&ctx->head) != NULL) return 0;
  }
  return 1;
}

/* Set up the run's coroutines, contexts and drivers and start their threads. */
static void start(const CProgram *p, unsigned seed, int stepped, Str *log) {
  memset(&R, 0, sizeof R);
  R.nco = p->coroutines, R.nctx = p->contexts, R.ndrv = p->drivers, R.yields = p->yields, R.log = log, R.seed = seed;
  R.stepped = stepped;
  pthread_mutex_init(&R.log_mu, NULL);
  R.co = calloc((size_t)R.nco, sizeof(CCo));
  R.ctx = calloc((size_t)R.nctx, sizeof(CCtx));
  R.drv = calloc((size_t)R.ndrv, sizeof(CDriver));
  if (R.co == NULL || R.ctx == NULL || R.drv == NULL) abort();
  for (int c = 0; c < R.nco; c++) {
    CCo *co = &R.co[c];
    atomic_store(&co->caller, -1);
    if ((co->stack = malloc(STACK_SIZE)) == NULL) abort();
    getcontext(&co->uc);
    co->uc.uc_stack.ss_sp = co->stack, co->uc.uc_stack.ss_size = STACK_SIZE, co->uc.uc_link = NULL;
    makecontext(&co->uc, (void (*)(void))co_body, 1, c);
  }
  for (int x = 0; x < R.nctx; x++) {
    CCtx *ctx = &R.ctx[x];
    ctx->th.t = x, ctx->th.rng = seed * 2654435761u + (unsigned)x + 1;
    pthread_mutex_init(&ctx->mu, NULL);
    pthread_cond_init(&ctx->cv, NULL);
    if (pthread_create(&ctx->thread, NULL, bh_thread, (void *)(long)x) != 0) abort();
  }
  for (int d = 0; d < R.ndrv; d++) {
    CDriver *drv = &R.drv[d];
    drv->th.t = R.nctx + d, drv->nops = p->nops[d], drv->ops = p->ops[d];
    drv->th.rng = seed * 2246822519u + (unsigned)d + 101;
    if (pthread_create(&drv->thread, NULL, driver_thread, drv) != 0) abort();
  }
}

/* Join every thread (the drivers too, unless the caller joined them already) and free the run. */
static void finish(int join_drivers) {
  for (int d = 0; join_drivers && d < R.ndrv; d++) pthread_join(R.drv[d].thread, NULL);
  for (int x = 0; x < R.nctx; x++) pthread_join(R.ctx[x].thread, NULL);
  for (int c = 0; c < R.nco; c++) free(R.co[c].stack);
  CRec *r = atomic_load(&R.records);
  while (r != NULL) { CRec *n = r->all; free(r); r = n; }
  free(R.co), free(R.ctx), free(R.drv);
}

void concurrent_run(const CProgram *p, unsigned seed, Str *log) {
  start(p, seed, 0, log);
  atomic_store(&R.go, 1);
  for (int d = 0; d < R.ndrv; d++) pthread_join(R.drv[d].thread, NULL);
  while (!quiescent()) sched_yield();
  atomic_store(&R.quit, 1);
  for (int x = 0; x < R.nctx; x++) {
    pthread_mutex_lock(&R.ctx[x].mu);
    pthread_cond_broadcast(&R.ctx[x].cv);
    pthread_mutex_unlock(&R.ctx[x].mu);
  }
  finish(0);
}

/* Level 2: wait until no thread is between two gates. */
static void settle(int threads) {
  for (;;) {
    int moving = 0;
    for (int t = 0; t < threads; t++) moving |= G.st[t] == T_RUN;
    if (!moving) return;
    pthread_cond_wait(&G.cv, &G.mu);
  }
}

const char *stepped_run(const CProgram *p, const int *choices, int nchoices, int max_steps, Str *out, const char **end) {
  int threads = p->contexts + p->drivers;
  Str ev = { NULL, 0, 0 };
  str_add(&ev, "%s", "");
  pthread_mutex_init(&G.mu, NULL);
  pthread_cond_init(&G.cv, NULL);
  G.grant = -1, G.stop = 0, G.step = NULL, G.steps_taken = 0;
  if ((G.st = calloc((size_t)threads, sizeof(TState))) == NULL || (G.tcv = calloc((size_t)threads, sizeof(pthread_cond_t))) == NULL) abort();
  for (int t = 0; t < threads; t++) {
    G.st[t] = T_RUN; /* each runs to its first gate */
    pthread_cond_init(&G.tcv[t], NULL);
  }
  start(p, 0, 1, &ev);
  const char *problem = NULL;
  *end = "completed";
  int *runnable = calloc((size_t)threads, sizeof(int));
  if (runnable == NULL) abort();
  pthread_mutex_lock(&G.mu);
  for (int i = 0;; i++) {
    settle(threads);
    int n = 0;
    for (int t = 0; t < threads; t++)
      if (G.st[t] == T_PAUSE || (G.st[t] == T_IDLE && atomic_load(&R.ctx[t].armed))) runnable[n++] = t;
    if (n == 0) break;
    if (i >= max_steps) { *end = "step-limit"; break; }
    int t = runnable[i < nchoices ? choices[i] % n : 0];
    str_item(out, "{\"runnable\":[");
    for (int k = 0; k < n; k++) str_add(out, "%s%d", k ? "," : "", runnable[k]);
    ev.len = 0;
    G.step = NULL, G.steps_taken = 0;
    G.grant = t, G.st[t] = T_RUN;
    pthread_cond_signal(&G.tcv[t]);
    settle(threads);
    /* The log lock orders the events; the gate lock, held again now, orders them before this read. */
    if (G.step == NULL || G.steps_taken != 1) { problem = "a thread took no step, or two, between two gates"; break; }
    str_add(out, "],\"thread\":%d,\"step\":\"%s\",\"co\":%d,\"events\":[%.*s]}", t, G.step, G.co, (int)ev.len, ev.len ? ev.buf : "");
  }
  G.stop = 1;
  for (int t = 0; t < threads; t++) pthread_cond_signal(&G.tcv[t]);
  pthread_mutex_unlock(&G.mu);
  finish(1);
  for (int t = 0; t < threads; t++) pthread_cond_destroy(&G.tcv[t]);
  free(runnable), free(G.st), free(G.tcv), free(ev.buf);
  pthread_mutex_destroy(&G.mu);
  pthread_cond_destroy(&G.cv);
  return problem;
}
