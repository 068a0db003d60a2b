/*
 * Level 3: a concurrent program (driver threads issuing aio_co_schedule() and qemu_aio_coroutine_enter() at
 * once, one BH thread per AioContext) run on real pthreads, with the seed's algorithm as in
 * spec/interleaved/steps.ts: the mark is a record set by compare-and-swap before the record is published,
 * the BH takes the whole list and enters only what is still marked with that record, an entry sets the
 * caller before it clears the mark.
 *
 * Observation order. The steps that produce events or read what event-producing steps write (the mark's
 * refusal, the caller check, the switch, the yield) run under one lock, so the log's order is an order in
 * which they happened; the other steps are single atomic operations. Every run's log is then the trace of
 * some interleaving of the model's atomic steps, which is what cokit checks.
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
  unsigned rng;
} CCtx;

typedef struct { int tid, nops; const COp *ops; unsigned rng; pthread_t thread; } CDriver;

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
} R;

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

/* Append an event to the run's log; only under `log_mu`, so the log's order is the order of the steps. */
#define logf_locked(...) str_item(R.log, __VA_ARGS__)

static void co_body(int c) {
  CCo *co = &R.co[c];
  for (;;) swapcontext(&co->uc, co->ret); /* each entry runs to its next yield at once */
}

/* qemu_aio_coroutine_enter(ctx, co) on thread t: check (and claim) the caller, clear the mark, switch, yield. */
static void entry(int t, int c, int ctx, int by_bh, unsigned *rng) {
  CCo *co = &R.co[c];
  jitter(rng);
  pthread_mutex_lock(&R.log_mu);
  if (atomic_load(&co->segments) > R.yields) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"entry-after-termination\",\"co\":%d,\"message\":\"c%d entered after it terminated\"}", c, c);
    pthread_mutex_unlock(&R.log_mu);
    return;
  }
  int none = -1;
  /* The check and the set of co->caller as one step: two entries can never both switch to the coroutine. */
  if (!atomic_compare_exchange_strong(&co->caller, &none, t)) {
    logf_locked("{\"ev\":\"error\",\"kind\":\"recursive-entry\",\"co\":%d,\"message\":\"c%d entered while it is running\"}", c, c);
    pthread_mutex_unlock(&R.log_mu);
    return;
  }
  pthread_mutex_unlock(&R.log_mu);
  jitter(rng);
  /* reset co->scheduled only after setting co->caller */
  atomic_store(&co->mark, NULL);
  jitter(rng);
  pthread_mutex_lock(&R.log_mu);
  logf_locked("{\"ev\":\"entered\",\"co\":%d,\"ctx\":%d,\"by\":\"%s\"}", c, ctx, by_bh ? "bh" : "direct");
  pthread_mutex_unlock(&R.log_mu);
  ucontext_t here;
  co->ret = &here;
  swapcontext(&here, &co->uc);
  jitter(rng);
  pthread_mutex_lock(&R.log_mu);
  int seg = atomic_fetch_add(&co->segments, 1) + 1;
  atomic_store(&co->caller, -1);
  if (seg > R.yields) logf_locked("{\"ev\":\"terminated\",\"co\":%d}", c);
  else logf_locked("{\"ev\":\"yielded\",\"co\":%d}", c);
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
  pthread_mutex_unlock(&R.log_mu);
  return ok;
}

static void publish(CRec *r) {
  CCtx *ctx = &R.ctx[r->ctx];
  CRec *head = atomic_load(&ctx->head);
  do r->next = head; while (!atomic_compare_exchange_weak(&ctx->head, &head, r));
}

static void arm(int x) {
  CCtx *ctx = &R.ctx[x];
  atomic_store(&ctx->armed, 1);
  pthread_mutex_lock(&ctx->mu);
  pthread_cond_signal(&ctx->cv);
  pthread_mutex_unlock(&ctx->mu);
}

/* aio_co_schedule(ctx, co): set the mark before the record becomes visible in the list, then arm the BH. */
static void co_schedule(int c, int x, unsigned *rng) {
  CRec *r = calloc(1, sizeof *r);
  if (r == NULL) abort();
  r->co = c, r->ctx = x;
  CRec *all = atomic_load(&R.records);
  do r->all = all; while (!atomic_compare_exchange_weak(&R.records, &all, r));
  jitter(rng);
#ifdef COKIT_PUBLISH_BEFORE_MARK
  publish(r);               /* the broken order: visible before it is marked */
  jitter(rng);
  mark(r);
#else
  if (!mark(r)) return;
  jitter(rng);
  publish(r);
#endif
  jitter(rng);
  arm(x);
}

/* co_schedule_bh_cb on context x's own thread, whenever its BH is armed. */
static void *bh_thread(void *arg) {
  int x = (int)(long)arg;
  CCtx *ctx = &R.ctx[x];
  for (;;) {
    pthread_mutex_lock(&ctx->mu);
    while (!atomic_load(&ctx->armed) && !atomic_load(&R.quit)) pthread_cond_wait(&ctx->cv, &ctx->mu);
    pthread_mutex_unlock(&ctx->mu);
    if (atomic_load(&R.quit) && !atomic_load(&ctx->armed)) return NULL;
    atomic_store(&ctx->busy, 1);
    if (!atomic_exchange(&ctx->armed, 0)) { atomic_store(&ctx->busy, 0); continue; }
    jitter(&ctx->rng);
    CRec *reversed = atomic_exchange(&ctx->head, NULL), *straight = NULL;
    while (reversed != NULL) { CRec *r = reversed; reversed = r->next; r->next = straight; straight = r; }
    for (CRec *r = straight; r != NULL; r = r->next) {
      jitter(&ctx->rng);
      if (atomic_load(&R.co[r->co].mark) == r) entry(x, r->co, x, 1, &ctx->rng);
    }
    atomic_store(&ctx->busy, 0);
  }
}

static void *driver_thread(void *arg) {
  CDriver *d = arg;
  while (!atomic_load(&R.go)) sched_yield(); /* a start barrier: every driver begins at once */
  for (int k = 0; k < d->nops; k++) {
    const COp *op = &d->ops[k];
    if (op->kind == COP_SCHEDULE) co_schedule(op->co, op->ctx, &d->rng);
    else entry(d->tid, op->co, op->ctx, 0, &d->rng);
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

void concurrent_run(const CProgram *p, unsigned seed, Str *log) {
  memset(&R, 0, sizeof R);
  R.nco = p->coroutines, R.nctx = p->contexts, R.ndrv = p->drivers, R.yields = p->yields, R.log = log, R.seed = seed;
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
    ctx->rng = seed * 2654435761u + (unsigned)x + 1;
    pthread_mutex_init(&ctx->mu, NULL);
    pthread_cond_init(&ctx->cv, NULL);
    if (pthread_create(&ctx->thread, NULL, bh_thread, (void *)(long)x) != 0) abort();
  }
  for (int d = 0; d < R.ndrv; d++) {
    CDriver *drv = &R.drv[d];
    drv->tid = R.nctx + d, drv->nops = p->nops[d], drv->ops = p->ops[d];
    drv->rng = seed * 2246822519u + (unsigned)d + 101;
    if (pthread_create(&drv->thread, NULL, driver_thread, drv) != 0) abort();
  }
  atomic_store(&R.go, 1);
  for (int d = 0; d < R.ndrv; d++) pthread_join(R.drv[d].thread, NULL);
  while (!quiescent()) sched_yield();
  atomic_store(&R.quit, 1);
  for (int x = 0; x < R.nctx; x++) {
    pthread_mutex_lock(&R.ctx[x].mu);
    pthread_cond_broadcast(&R.ctx[x].cv);
    pthread_mutex_unlock(&R.ctx[x].mu);
    pthread_join(R.ctx[x].thread, NULL);
  }
  for (int c = 0; c < R.nco; c++) free(R.co[c].stack);
  CRec *r = atomic_load(&R.records);
  while (r != NULL) { CRec *n = r->all; free(r); r = n; }
  free(R.co), free(R.ctx), free(R.drv);
}
