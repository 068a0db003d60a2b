#define _GNU_SOURCE
#include "sched.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <ucontext.h>

enum { FRESH, RUNNING, SUSPENDED, TERMINATED };
#define STACK_SIZE (128 * 1024)

/* One call of aio_co_schedule() as it sits on a context's list (the non-literal build). */
typedef struct Record { int co, ctx; struct Record *next, *all; } Record;

typedef struct Co {
  int id, pc, len, status, ctx; /* ctx: co->ctx, -1 until first entered */
  Ins *prog;
#ifdef COKIT_SEED_LITERAL_LIST
  _Atomic int scheduled;        /* the seed's mark: the context it is scheduled on, -1 for none */
  struct Co *sched_next;        /* the seed's node: the coroutine itself is linked */
#else
  _Atomic(Record *) scheduled;  /* co->scheduled: the pending record; a direct entry clears it */
#endif
  int has_caller;               /* co->caller != NULL */
  ucontext_t uc;                /* only to start the coroutine on its stack */
  sigjmp_buf env, *ret;         /* then switches are sigsetjmp/siglongjmp, as QEMU's coroutine-ucontext.c */
  int started;
  char *stack;
  int *wake, nwake, capwake;    /* co_queue_wakeup */
} Co;

typedef struct Ctx {
  int id, quit;
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  void (*task)(int, int, int);
  int a, b, done;
#ifdef COKIT_SEED_LITERAL_LIST
  _Atomic(Co *) head;           /* ctx->scheduled_coroutines, the intrusive list */
#else
  _Atomic(Record *) head;
#endif
  atomic_int armed;             /* ctx->co_schedule_bh is scheduled */
} Ctx;

static struct { int nctx, nco; Ctx *ctx; Co *co; Str *ev; Record *records; } S;

#define event(...) str_item(S.ev, __VA_ARGS__)

static void error(const char *kind, int co, const char *msg) { event("{\"ev\":\"error\",\"kind\":\"%s\",\"co\":%d,\"message\":\"%s\"}", kind, co, msg); }

static int enter_loop(int first, int x, int by_bh);

/* aio_co_schedule(ctx, co): set the mark (cmpxchg, as QEMU does), then publish on the list, then arm the BH. */
static void co_schedule(int c, int x) {
  Co *co = &S.co[c];
  char msg[96];
  if (co->status == TERMINATED) { snprintf(msg, sizeof msg, "c%d scheduled on x%d after it terminated", c, x); return error("entry-after-termination", c, msg); }
  Ctx *ctx = &S.ctx[x];
#ifdef COKIT_SEED_LITERAL_LIST
  int old = -1;
  if (!atomic_compare_exchange_strong(&co->scheduled, &old, x)) {
    snprintf(msg, sizeof msg, "c%d scheduled on x%d while scheduled on x%d", c, x, old);
    return error(old == x ? "double-schedule" : "scheduled-elsewhere", c, msg);
  }
  Co *head = atomic_load(&ctx->head);
  do co->sched_next = head; while (!atomic_compare_exchange_weak(&ctx->head, &head, co));
#else
  Record *r = calloc(1, sizeof *r), *old = NULL;
  if (r == NULL) abort();
  r->co = c, r->ctx = x, r->all = S.records, S.records = r;
  if (!atomic_compare_exchange_strong(&co->scheduled, &old, r)) {
    snprintf(msg, sizeof msg, "c%d scheduled on x%d while scheduled on x%d", c, x, old->ctx);
    return error(old->ctx == x ? "double-schedule" : "scheduled-elsewhere", c, msg);
  }
  Record *head = atomic_load(&ctx->head);
  do r->next = head; while (!atomic_compare_exchange_weak(&ctx->head, &head, r));
#endif
  atomic_store(&ctx->armed, 1);
}

static void wake_push(Co *co, int t) {
  if (co->nwake == co->capwake && (co->wake = realloc(co->wake, sizeof(int) * (size_t)(co->capwake = co->capwake * 2 + 4))) == NULL) abort();
  co->wake[co->nwake++] = t;
}

/* Back to whoever entered `co`; sigsetjmp(…, 0) saves no signal mask, so no system call per switch. */
static void co_switch_out(Co *co) {
  if (!sigsetjmp(co->env, 0)) siglongjmp(*co->ret, 1);
}

/* Into `co` until it yields or terminates. The first entry starts it on its own stack with swapcontext. */
static void co_switch_in(Co *co) {
  sigjmp_buf here;
  co->ret = &here;
  if (sigsetjmp(here, 0)) return;
  if (co->started) siglongjmp(co->env, 1);
  co->started = 1;
  ucontext_t from;
  swapcontext(&from, &co->uc); /* never returns: the coroutine comes back through `here` */
  abort();
}

/* The coroutine's body: runs its program; yield and termination switch back to whoever entered it. */
static void co_main(int c) {
  Co *co = &S.co[c];
  for (;;) {
    if (co->pc >= co->len) {
      co->status = TERMINATED, co->has_caller = 0;
      event("{\"ev\":\"terminated\",\"co\":%d}", c);
      co_switch_out(co);
      abort(); /* a terminated coroutine is never resumed */
    }
    Ins ins = co->prog[co->pc++];
    int x = co->ctx;
    switch (ins.kind) {
      case INS_YIELD:
        co->status = SUSPENDED, co->has_caller = 0;
        event("{\"ev\":\"yielded\",\"co\":%d}", c);
        co_switch_out(co);
        break;
      case INS_SCHEDULE: co_schedule(ins.target, ins.ctx); break;
      case INS_ENTER: enter_loop(ins.target, x, 0); break;
      case INS_WAKE: { /* aio_co_wake(): schedule on another home context, else queue for after this one */
        int home = S.co[ins.target].ctx >= 0 ? S.co[ins.target].ctx : x;
        char msg[64];
        if (home != x) co_schedule(ins.target, home);
        else if (ins.target == c) { snprintf(msg, sizeof msg, "c%d woke itself while running", c); error("recursive-entry", c, msg); }
        else wake_push(co, ins.target);
        break;
      }
      default: abort();
    }
  }
}

/*
 * qemu_aio_coroutine_enter(ctx, co): enter `first`, then depth-first the coroutines each one woke.
 * The caller is set before the mark is cleared (the cancel), so a BH seeing no mark sees a caller.
 */
static int enter_loop(int first, int x, int by_bh) {
  int *stack = malloc(sizeof(int) * 4), n = 1, cap = 4, first_entered = 0, is_first = 1;
  if (stack == NULL) abort();
  stack[0] = first;
  while (n > 0) {
    int c = stack[--n], was_first = is_first;
    const char *how = is_first && by_bh ? "bh" : "direct";
    Co *co = &S.co[c];
    char msg[64];
    is_first = 0;
    if (co->status == RUNNING) { snprintf(msg, sizeof msg, "c%d entered while it is running", c); error("recursive-entry", c, msg); continue; }
    if (co->status == TERMINATED) { snprintf(msg, sizeof msg, "c%d entered after it terminated", c); error("entry-after-termination", c, msg); continue; }
    if (was_first) first_entered = 1;
    co->has_caller = 1, co->ctx = x;
#ifdef COKIT_SEED_LITERAL_LIST
    atomic_store(&co->scheduled, -1);
#else
    atomic_store(&co->scheduled, NULL);
#endif
    co->status = RUNNING, co->nwake = 0;
    event("{\"ev\":\"entered\",\"co\":%d,\"ctx\":%d,\"by\":\"%s\"}", c, x, how);
    co_switch_in(co);
    for (int i = co->nwake - 1; i >= 0; i--) { /* QSIMPLEQ_PREPEND: the woken run first, in order */
      if (n == cap && (stack = realloc(stack, sizeof(int) * (size_t)(cap *= 2))) == NULL) abort();
      stack[n++] = co->wake[i];
    }
    co->nwake = 0;
  }
  free(stack);
  return first_entered;
}

/* co_schedule_bh_cb(ctx): take the whole list, reverse it to scheduling order, enter what is still marked. */
static void bh(int x, int unused_a, int unused_b) {
  (void)unused_a, (void)unused_b;
  Ctx *ctx = &S.ctx[x];
  if (!atomic_exchange(&ctx->armed, 0)) return;
#ifdef COKIT_SEED_LITERAL_LIST
  Co *reversed = atomic_exchange(&ctx->head, NULL), *straight = NULL;
  while (reversed != NULL) { Co *co = reversed; reversed = co->sched_next; co->sched_next = straight; straight = co; }
  while (straight != NULL) {
    Co *co = straight;
    straight = co->sched_next;
    int scheduled_ctx = atomic_load(&co->scheduled);
    if (scheduled_ctx == x) enter_loop(co->id, x, 1);
    else if (scheduled_ctx != -1) { fprintf(stderr, "co_schedule_bh_cb: Assertion 'scheduled_ctx == NULL' failed\n"); abort(); }
  }
#else
  Record *reversed = atomic_exchange(&ctx->head, NULL), *straight = NULL;
  while (reversed != NULL) { Record *r = reversed; reversed = r->next; r->next = straight; straight = r; }
  for (Record *r = straight; r != NULL; r = r->next)
    if (atomic_load(&S.co[r->co].scheduled) == r) enter_loop(r->co, x, 1);
#endif
}

static void direct(int c, int from, int unused) { (void)unused; enter_loop(c, from, 0); }
static void sched_task(int c, int x, int from) { (void)from; co_schedule(c, x); }

/* One thread per AioContext: runs the tasks the protocol thread hands it, one at a time. */
static void *ctx_thread(void *arg) {
  Ctx *ctx = arg;
  pthread_mutex_lock(&ctx->mu);
  for (;;) {
    while (ctx->task == NULL && !ctx->quit) pthread_cond_wait(&ctx->cv, &ctx->mu);
    if (ctx->task == NULL) break;
    void (*task)(int, int, int) = ctx->task;
    pthread_mutex_unlock(&ctx->mu);
    task(ctx->a, ctx->b, ctx->id);
    pthread_mutex_lock(&ctx->mu);
    ctx->task = NULL, ctx->done = 1;
    pthread_cond_broadcast(&ctx->cv);
  }
  pthread_mutex_unlock(&ctx->mu);
  return NULL;
}

static void run_on(int x, void (*task)(int, int, int), int a, int b) {
  Ctx *ctx = &S.ctx[x];
  pthread_mutex_lock(&ctx->mu);
  ctx->task = task, ctx->a = a, ctx->b = b, ctx->done = 0;
  pthread_cond_broadcast(&ctx->cv);
  while (!ctx->done) pthread_cond_wait(&ctx->cv, &ctx->mu);
  pthread_mutex_unlock(&ctx->mu);
}

/*
 * Level 1 applies one operation at a time, each to completion, so it makes no difference which thread runs
 * it: by default the protocol thread does (no hand-off), and COKIT_CONTEXT_THREADS=1 in the environment hands
 * each to its context's own thread instead (the same results, slower). Level 3 (concurrent.c) is where the
 * threads race.
 */
static int use_threads = -1;
static int context_threads(void) {
  if (use_threads < 0) {
    const char *v = getenv("COKIT_CONTEXT_THREADS");
    use_threads = v != NULL && v[0] == '1';
  }
  return use_threads;
}

void sched_enter(int co, int from) { if (context_threads()) run_on(from, direct, co, from); else direct(co, from, 0); }
void sched_schedule(int co, int ctx, int from) { if (context_threads()) run_on(from, sched_task, co, ctx); else sched_task(co, ctx, from); }
void sched_poll(int ctx) { if (context_threads()) run_on(ctx, bh, ctx, 0); else bh(ctx, 0, 0); }

/* Coroutine stacks are kept for the next session: a level-1 run is short, and mapping 128 KiB costs more than it. */
static char **stack_pool;
static int pooled, pool_cap;

static char *stack_take(void) {
  if (pooled > 0) return stack_pool[--pooled];
  char *s = malloc(STACK_SIZE);
  if (s == NULL) abort();
  return s;
}

static void stack_give(char *s) {
  if (s == NULL) return;
  if (pooled == pool_cap && (stack_pool = realloc(stack_pool, sizeof(char *) * (size_t)(pool_cap = pool_cap * 2 + 8))) == NULL) abort();
  stack_pool[pooled++] = s;
}

void sched_create(int c, Ins *program, int len) {
  Co *co = &S.co[c];
  co->id = c, co->prog = program, co->len = len, co->ctx = -1, co->status = FRESH;
#ifdef COKIT_SEED_LITERAL_LIST
  atomic_store(&co->scheduled, -1);
#endif
  co->stack = stack_take();
  getcontext(&co->uc);
  co->uc.uc_stack.ss_sp = co->stack, co->uc.uc_stack.ss_size = STACK_SIZE, co->uc.uc_link = NULL;
  makecontext(&co->uc, (void (*)(void))co_main, 1, c);
}

void sched_open(int contexts, int coroutines, Str *events) {
  S.nctx = contexts, S.nco = coroutines, S.ev = events, S.records = NULL;
  S.co = calloc((size_t)coroutines + 1, sizeof(Co));
  S.ctx = calloc((size_t)contexts, sizeof(Ctx));
  if (S.co == NULL || S.ctx == NULL) abort();
  for (int x = 0; x < contexts; x++) {
    Ctx *ctx = &S.ctx[x];
    ctx->id = x;
    pthread_mutex_init(&ctx->mu, NULL);
    pthread_cond_init(&ctx->cv, NULL);
    if (context_threads() && pthread_create(&ctx->thread, NULL, ctx_thread, ctx) != 0) abort();
  }
}

void sched_close(void) {
  for (int x = 0; x < S.nctx && context_threads(); x++) {
    Ctx *ctx = &S.ctx[x];
    pthread_mutex_lock(&ctx->mu);
    ctx->quit = 1;
    pthread_cond_broadcast(&ctx->cv);
    pthread_mutex_unlock(&ctx->mu);
    pthread_join(ctx->thread, NULL);
  }
  for (int c = 0; c < S.nco; c++) stack_give(S.co[c].stack), free(S.co[c].prog), free(S.co[c].wake);
  while (S.records != NULL) { Record *r = S.records; S.records = r->all; free(r); }
  free(S.co), free(S.ctx);
}
