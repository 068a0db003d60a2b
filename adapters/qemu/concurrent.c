/*
 * Level 3: a concurrent program on real threads running QEMU's functions with QEMU's own atomics: one thread
 * per AioContext running its bottom half (co_schedule_bh_cb) whenever it is armed, one per driver issuing
 * aio_co_schedule() and qemu_aio_coroutine_enter() as the program says, all at once. Each coroutine yields
 * `yields` times (qemu_coroutine_yield), then terminates. The trace points delay each thread as a seed says,
 * so runs differ. When QEMU aborts, the run's events so far and the abort are the reply, and the process
 * exits: the other threads cannot be unwound, as in QEMU.
 */
#include "harness.h"
#include "levels.h"
#include <sched.h>
#include <stdint.h>
#include <unistd.h>

enum { OP_SCHEDULE, OP_ENTER };
typedef struct { int kind, co, ctx; } Op;
typedef struct { int nops; Op *ops; pthread_t thread; } Driver;

static struct {
  int nco, nctx, ndrv, yields;
  AioContext *ctx;
  Coroutine **co;
  Driver *drv;
  pthread_t *bh;
  atomic_int *busy;
  atomic_int go, quit;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  long id;
} R;

static int bad(long v, int n) { return v < 0 || v >= n; }

static __attribute__((noreturn)) void aborted(const char *kind, int co, const char *msg) {
  cokit_event_final("{\"ev\":\"abort\",\"kind\":\"%s\",\"co\":%d,\"message\":\"%s\"}", kind, co, msg);
  printf("{\"type\":\"ran\",\"id\":%ld,\"events\":[%.*s]}\n", R.id, (int)cokit_log->len, cokit_log->buf);
  fflush(stdout);
  _exit(0);
}

static void notify(AioContext *ctx) {
  (void)ctx;
  pthread_mutex_lock(&R.mu);
  pthread_cond_broadcast(&R.cv);
  pthread_mutex_unlock(&R.mu);
}

static void coroutine_fn body(void *arg) {
  (void)arg;
  for (int i = 0; i < R.yields; i++) qemu_coroutine_yield();
}

static void *bh_thread(void *arg) {
  int x = (int)(intptr_t)arg;
  AioContext *ctx = &R.ctx[x];
  cokit_jitter_thread(x);
  cokit_set_current_ctx(ctx);
  for (;;) {
    pthread_mutex_lock(&R.mu);
    while (!cokit_bh_armed(ctx) && !atomic_load(&R.quit)) pthread_cond_wait(&R.cv, &R.mu);
    pthread_mutex_unlock(&R.mu);
    atomic_store(&R.busy[x], 1);
    int ran = cokit_bh_poll(ctx);
    atomic_store(&R.busy[x], 0);
    if (!ran && atomic_load(&R.quit)) return NULL;
  }
}

static void *driver_thread(void *arg) {
  Driver *d = arg;
  cokit_jitter_thread(R.nctx + (int)(d - R.drv));
  while (!atomic_load(&R.go)) sched_yield(); /* a start barrier: every driver begins at once */
  for (int k = 0; k < d->nops; k++) {
    Op *op = &d->ops[k];
    Coroutine *co = R.co[op->co];
    cokit_set_current_ctx(&R.ctx[op->ctx]);
    if (op->kind == OP_ENTER) qemu_aio_coroutine_enter(&R.ctx[op->ctx], co);
    else if (!cokit_refuse_schedule(co, op->ctx)) aio_co_schedule(&R.ctx[op->ctx], co);
  }
  return NULL;
}

static int quiescent(void) {
  for (int x = 0; x < R.nctx; x++)
    if (cokit_bh_armed(&R.ctx[x]) || atomic_load(&R.busy[x]) || qatomic_read(&R.ctx[x].scheduled_coroutines.slh_first) != NULL) return 0;
  return 1;
}

/* Read the program into R; NULL, or what is wrong with it. */
static const char *read_program(const JNode *j) {
  const JNode *drivers = json_get(j, "drivers");
  R.nco = (int)json_int(j, "coroutines", -1), R.nctx = (int)json_int(j, "contexts", -1), R.yields = (int)json_int(j, "yields", -1);
  if (R.nco < 1 || R.nco > 64 || R.nctx < 1 || R.nctx > 64 || R.yields < 0 || R.yields > 1000) return "bad program sizes";
  if (drivers == NULL || drivers->kind != J_ARR) return "program without drivers";
  R.ndrv = 0;
  for (const JNode *d = drivers->child; d != NULL; d = d->next) R.ndrv++;
  if (R.ndrv < 1 || R.ndrv > 64) return "bad number of drivers";
  if ((R.drv = calloc((size_t)R.ndrv, sizeof(Driver))) == NULL) return "out of memory";
  int k = 0;
  for (const JNode *d = drivers->child; d != NULL; d = d->next, k++) {
    if (d->kind != J_ARR) return "a driver is not a list of operations";
    int n = 0;
    for (const JNode *o = d->child; o != NULL; o = o->next) n++;
    if ((R.drv[k].ops = calloc((size_t)n + 1, sizeof(Op))) == NULL) return "out of memory";
    R.drv[k].nops = n;
    int i = 0;
    for (const JNode *o = d->child; o != NULL; o = o->next, i++) {
      Op *op = &R.drv[k].ops[i];
      op->co = (int)json_int(o, "co", -1);
      if (json_is(o, "op", "schedule")) op->kind = OP_SCHEDULE, op->ctx = (int)json_int(o, "ctx", -1);
      else if (json_is(o, "op", "enter")) op->kind = OP_ENTER, op->ctx = (int)json_int(o, "from", -1);
      else return "unknown concurrent operation";
      if (bad(op->co, R.nco) || bad(op->ctx, R.nctx)) return "concurrent operation out of range";
    }
  }
  return NULL;
}

static void free_program(void) {
  for (int k = 0; R.drv != NULL && k < R.ndrv; k++) free(R.drv[k].ops);
  free(R.drv);
  R.drv = NULL;
}

const char *concurrent_run(long id, const JNode *program, unsigned seed, Str *log) {
  memset(&R, 0, sizeof R);
  const char *problem = read_program(program);
  if (problem != NULL) { free_program(); return problem; }
  R.id = id;
  cokit_log = log;
  cokit_on_abort = aborted;
  cokit_bh_notify = notify;
  cokit_jitter_seed(seed * 2u + 1u); /* never 0: level 3 always jitters */
  pthread_mutex_init(&R.mu, NULL);
  pthread_cond_init(&R.cv, NULL);
  R.ctx = calloc((size_t)R.nctx, sizeof(AioContext)), R.co = calloc((size_t)R.nco, sizeof(Coroutine *));
  R.bh = calloc((size_t)R.nctx, sizeof(pthread_t)), R.busy = calloc((size_t)R.nctx, sizeof(atomic_int));
  if (R.ctx == NULL || R.co == NULL || R.bh == NULL || R.busy == NULL) { perror("cokit-qemu"); _exit(70); }
  for (int c = 0; c < R.nco; c++) {
    R.co[c] = qemu_coroutine_create(body, NULL);
    cokit_co_set_id(R.co[c], c);
  }
  for (int x = 0; x < R.nctx; x++) {
    cokit_ctx_init(&R.ctx[x], x);
    if (pthread_create(&R.bh[x], NULL, bh_thread, (void *)(intptr_t)x) != 0) { perror("cokit-qemu"); _exit(70); }
  }
  for (int d = 0; d < R.ndrv; d++)
    if (pthread_create(&R.drv[d].thread, NULL, driver_thread, &R.drv[d]) != 0) { perror("cokit-qemu"); _exit(70); }
  atomic_store(&R.go, 1);
  for (int d = 0; d < R.ndrv; d++) pthread_join(R.drv[d].thread, NULL);
  while (!quiescent()) sched_yield();
  atomic_store(&R.quit, 1);
  notify(NULL);
  for (int x = 0; x < R.nctx; x++) pthread_join(R.bh[x], NULL);
  for (int x = 0; x < R.nctx; x++) cokit_ctx_destroy(&R.ctx[x]);
  cokit_co_free_all();
  cokit_jitter_seed(0);
  cokit_bh_notify = NULL;
  cokit_on_abort = NULL;
  free(R.ctx), free(R.co), free(R.bh), free(R.busy);
  free_program();
  pthread_mutex_destroy(&R.mu);
  pthread_cond_destroy(&R.cv);
  printf("{\"type\":\"ran\",\"id\":%ld,\"events\":[%.*s]}\n", id, (int)log->len, log->len ? log->buf : "");
  return NULL;
}
