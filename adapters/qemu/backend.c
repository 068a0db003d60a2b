/*
 * What QEMU's coroutine functions call, written for cokit: the coroutine backend (sigsetjmp/siglongjmp
 * switches, started with ucontext, as QEMU's util/coroutine-ucontext.c does), the AioContext's bottom half
 * and lock, the trace points (where the harness observes: which coroutine an abort concerns, which entry is
 * the BH's; at level 3 a seeded delay) and QEMU's fatal paths (fprintf to stderr, abort, assert).
 *
 * The events are recorded where they take effect: `entered` at the switch into a coroutine, `yielded` at its
 * switch out, `terminated` when QEMU deletes it (coroutine_delete, after it released the caller), `abort` at
 * QEMU's abort().
 */
#include "harness.h"
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <ucontext.h>
#include <unistd.h>

#define STACK_SIZE (64 * 1024)

typedef struct CokitCo {
  Coroutine base;              /* QEMU's struct Coroutine (include/qemu/coroutine_int.h) */
  int id;                      /* cokit's number; -1 for a thread's leader */
  atomic_int dead;             /* it terminated: the backend never resumes it again */
  atomic_int end_logged;       /* its `terminated` is in the log (written when QEMU deletes it) */
  AioContext *dead_ctx;        /* its co->ctx when it terminated (a refused entry puts it back) */
  Coroutine *entered_by;       /* who switched into it last: the only one it may switch back to */
  atomic_int on_cpu;           /* entered and not yet switched out (a switch in waits for it) */
  sigjmp_buf env;
  char *stack;
  struct CokitCo *all;         /* every coroutine made, freed together */
} CokitCo;

#define CO(c) ((CokitCo *)(void *)(c))

static _Atomic(CokitCo *) made;
static __thread CokitCo leader = { .id = -1 };
static __thread Coroutine *current;
static __thread Coroutine *bh_target;       /* the coroutine co_schedule_bh_cb is about to enter */
static __thread Coroutine *subject;         /* the coroutine the QEMU function running concerns */
static __thread AioContext *current_ctx;
static __thread CokitCo *starting;          /* qemu_coroutine_new → trampoline */
static __thread sigjmp_buf *started;

Str *cokit_log;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static void event_v(int keep_lock, const char *fmt, va_list ap) {
  char one[1024];
  vsnprintf(one, sizeof one, fmt, ap);
  pthread_mutex_lock(&log_mu);
  str_add(cokit_log, "%s%s", cokit_log->len > 0 ? "," : "", one);
  if (!keep_lock) pthread_mutex_unlock(&log_mu);
}

void cokit_event(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  event_v(0, fmt, ap);
  va_end(ap);
}

void cokit_event_final(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  event_v(1, fmt, ap);
  va_end(ap);
}

/* Thread-local state is read through these, never cached across a switch (a coroutine may resume on
 * another thread), as QEMU's coroutine-tls.h does. */
static __attribute__((noinline)) Coroutine *get_current(void) { return current; }
static __attribute__((noinline)) void set_current(Coroutine *co) { current = co; }

Coroutine *qemu_coroutine_self(void) {
  Coroutine *self = get_current();
  if (self == NULL) set_current(self = &leader.base);
  return self;
}

bool qemu_in_coroutine(void) {
  Coroutine *self = get_current();
  return self != NULL && self->caller != NULL;
}

static void trampoline(void) {
  CokitCo *self = starting;
  Coroutine *co = &self->base;
  if (!sigsetjmp(self->env, 0)) siglongjmp(*started, 1);
  for (;;) {
    co->entry(co->entry_arg);
    qemu_coroutine_switch(co, co->caller, COROUTINE_TERMINATE);
  }
}

Coroutine *qemu_coroutine_new(void) {
  CokitCo *co = calloc(1, sizeof *co);
  if (co == NULL || (co->stack = malloc(STACK_SIZE)) == NULL) { perror("cokit-qemu"); _exit(70); }
  co->id = -1;
  CokitCo *all = atomic_load(&made);
  do co->all = all; while (!atomic_compare_exchange_weak(&made, &all, co));
  ucontext_t uc, old;
  sigjmp_buf back;
  getcontext(&uc);
  uc.uc_stack.ss_sp = co->stack, uc.uc_stack.ss_size = STACK_SIZE, uc.uc_link = NULL;
  makecontext(&uc, trampoline, 0);
  starting = co, started = &back;
  if (!sigsetjmp(back, 0)) swapcontext(&old, &uc); /* in, to save its env; siglongjmp'd back out */
  return &co->base;
}

/* Called by QEMU's coroutine_delete() after a coroutine terminated, once it cleared co->caller: `terminated`
 * is logged here, where QEMU is done with it (until then a racing entry still finds its caller set). The
 * coroutine is kept until the session ends, so that an entry after termination is reported instead of
 * resuming freed memory (a refused entry calls coroutine_delete again: logged once). */
void qemu_coroutine_delete(Coroutine *co_) {
  CokitCo *co = CO(co_);
  if (atomic_load(&co->end_logged)) return;
  cokit_event("{\"ev\":\"terminated\",\"co\":%d}", co->id);
  atomic_store(&co->end_logged, 1);
}

/* Two threads both passed QEMU's `if (to->caller)` before either set it, and both switch into the coroutine
 * (a race in QEMU's own code: the check and the set are plain statements). Its stack cannot run on two
 * threads: the harness stops, saying so (a crash, with this message, for cokit). */
static _Noreturn void entered_twice(int co) {
  fprintf(stderr, "cokit-qemu: c%d was entered by two threads at once (QEMU's check and set of co->caller in qemu_aio_coroutine_enter raced); the harness cannot go on\n", co);
  _exit(70);
}

CoroutineAction qemu_coroutine_switch(Coroutine *from_, Coroutine *to_, CoroutineAction action) {
  CokitCo *from = CO(from_), *volatile to = CO(to_);
  if (action != COROUTINE_ENTER && to_ != from->entered_by) entered_twice(from->id);
  if (action == COROUTINE_ENTER) {
    int none = 0;
    /* A coroutine that cleared its caller may still be switching out on another thread: wait for it. */
    while (!atomic_compare_exchange_weak(&to->on_cpu, &none, 1)) none = 0, sched_yield();
    /* A coroutine that terminated is refused only once its `terminated` is logged (by its deleter). */
    while (atomic_load(&to->dead) && !atomic_load(&to->end_logged)) sched_yield();
    Coroutine *by_bh = bh_target;
    bh_target = NULL;
    pthread_mutex_lock(&log_mu);
    int dead = atomic_load(&to->dead);
    char one[160];
    if (dead) snprintf(one, sizeof one, "{\"ev\":\"error\",\"kind\":\"entry-after-termination\",\"co\":%d,\"message\":\"c%d entered after it terminated\"}", to->id, to->id);
    else snprintf(one, sizeof one, "{\"ev\":\"entered\",\"co\":%d,\"ctx\":%d,\"by\":\"%s\"}", to->id, to_->ctx->cokit_id, by_bh == to_ ? "bh" : "direct");
    str_add(cokit_log, "%s%s", cokit_log->len > 0 ? "," : "", one);
    pthread_mutex_unlock(&log_mu);
    if (dead) {
      /* QEMU's qemu_aio_coroutine_enter set to->ctx before the switch; the refused entry leaves it as it was */
      to_->ctx = to->dead_ctx;
      atomic_store(&to->on_cpu, 0);
      return COROUTINE_TERMINATE; /* QEMU's coroutine_delete() then clears the caller it just set */
    }
    if (qatomic_read(&to_->caller) != from_) entered_twice(to->id);
    to->entered_by = from_;
  } else {
    if (action == COROUTINE_TERMINATE) from->dead_ctx = from_->ctx, atomic_store(&from->dead, 1);
    else cokit_event("{\"ev\":\"yielded\",\"co\":%d}", from->id);
  }
  set_current(to_);
  int ret = sigsetjmp(from->env, 0);
  if (ret == 0) siglongjmp(to->env, action);
  /* Resumed: whoever we switched to has saved its context (it yielded) or is dead. */
  if (action == COROUTINE_ENTER) atomic_store(&to->on_cpu, 0);
  return (CoroutineAction)ret;
}

void cokit_co_set_id(Coroutine *co, int id) { CO(co)->id = id; }
int cokit_co_id(Coroutine *co) { return CO(co)->id; }

int cokit_refuse_schedule(Coroutine *co, int x) {
  if (!atomic_load(&CO(co)->end_logged) || qatomic_read(&co->scheduled) != NULL) return 0;
  int c = CO(co)->id;
  cokit_event("{\"ev\":\"error\",\"kind\":\"entry-after-termination\",\"co\":%d,\"message\":\"c%d scheduled on x%d after it terminated\"}", c, c, x);
  return 1;
}

void cokit_co_free_all(void) {
  CokitCo *co = atomic_exchange(&made, NULL);
  while (co != NULL) {
    CokitCo *next = co->all;
    free(co->stack), free(co);
    co = next;
  }
  set_current(NULL);
  bh_target = subject = NULL;
}

/* The AioContext's bottom half (QEMU's util/async.c keeps a list of BHs per context; cokit's contexts have
 * one, co_schedule_bh) and its lock (QEMU's is a recursive mutex). */
struct QEMUBH { QEMUBHFunc *cb; void *opaque; atomic_int scheduled; AioContext *ctx; };
typedef struct { QEMUBH bh; pthread_mutex_t lock; } CtxExtra;

void (*cokit_bh_notify)(AioContext *ctx);

void cokit_ctx_init(AioContext *ctx, int id) {
  CtxExtra *x = calloc(1, sizeof *x);
  if (x == NULL) { perror("cokit-qemu"); _exit(70); }
  memset(ctx, 0, sizeof *ctx);
  ctx->cokit_id = id;
  QSLIST_INIT(&ctx->scheduled_coroutines);
  x->bh.cb = cokit_co_schedule_bh_cb, x->bh.opaque = ctx, x->bh.ctx = ctx;
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&x->lock, &a);
  pthread_mutexattr_destroy(&a);
  ctx->co_schedule_bh = &x->bh; /* the first member: the CtxExtra */
}

void cokit_ctx_destroy(AioContext *ctx) {
  CtxExtra *x = (CtxExtra *)(void *)ctx->co_schedule_bh;
  pthread_mutex_destroy(&x->lock);
  free(x);
}

void qemu_bh_schedule(QEMUBH *bh) {
  atomic_store(&bh->scheduled, 1);
  if (cokit_bh_notify != NULL) cokit_bh_notify(bh->ctx);
}

int cokit_bh_armed(AioContext *ctx) { return atomic_load(&ctx->co_schedule_bh->scheduled); }

/* aio_bh_poll for the one BH: clear its flag, then call it (a schedule meanwhile arms it again). */
int cokit_bh_poll(AioContext *ctx) {
  QEMUBH *bh = ctx->co_schedule_bh;
  if (!atomic_exchange(&bh->scheduled, 0)) return 0;
  bh->cb(bh->opaque);
  return 1;
}

void aio_context_acquire(AioContext *ctx) { pthread_mutex_lock(&((CtxExtra *)(void *)ctx->co_schedule_bh)->lock); }
void aio_context_release(AioContext *ctx) { pthread_mutex_unlock(&((CtxExtra *)(void *)ctx->co_schedule_bh)->lock); }
/* Contexts live as long as the session: nothing to count. */
void aio_context_ref(AioContext *ctx) { (void)ctx; }
void aio_context_unref(AioContext *ctx) { (void)ctx; }
AioContext *qemu_get_current_aio_context(void) { return current_ctx; }
void cokit_set_current_ctx(AioContext *ctx) { current_ctx = ctx; }
/* Only reached with the coroutine pool, which is off (CONFIG_COROUTINE_POOL 0). */
void qemu_thread_atexit_add(Notifier *notifier) { (void)notifier; }

/* Trace points. */
static atomic_uint jitter_seed;
static __thread unsigned rng, rng_thread;

void cokit_jitter_seed(unsigned seed) { atomic_store(&jitter_seed, seed); }
void cokit_jitter_thread(int t) { rng_thread = (unsigned)t + 1, rng = 0; }

/* Level 3: nothing, a yield of the CPU, or a short spin, as this thread's generator (the run's seed and the
 * thread's number) says. */
static void jitter(void) {
  unsigned seed = atomic_load(&jitter_seed);
  if (seed == 0) return;
  if (rng == 0) rng = seed * 2654435761u + rng_thread * 40503u + 1u;
  rng ^= rng << 13, rng ^= rng >> 17, rng ^= rng << 5;
  unsigned r = rng % 16;
  if (r < 8) return;
  if (r < 12) { sched_yield(); return; }
  for (volatile unsigned i = 0, n = rng % 2000; i < n; i++) {}
}

void cokit_set_subject(Coroutine *co) { subject = co; }
void trace_aio_co_schedule(AioContext *ctx, Coroutine *co) { (void)ctx, subject = co, jitter(); }
void trace_aio_co_schedule_bh_cb(AioContext *ctx, Coroutine *co) { (void)ctx, bh_target = co, jitter(); }
void trace_qemu_aio_coroutine_enter(AioContext *ctx, Coroutine *from, Coroutine *to, void *opaque) { (void)ctx, (void)from, (void)opaque, subject = to, jitter(); }
void trace_qemu_coroutine_yield(Coroutine *from, Coroutine *to) { (void)from, (void)to, jitter(); }
void trace_qemu_coroutine_terminate(Coroutine *co) { (void)co; }

/* QEMU's fatal paths: its message to stderr is kept (and still written), then abort() reports it. */
static __thread char message[512];
static __thread size_t message_len;

int cokit_fprintf(FILE *stream, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (stream == stderr && message_len < sizeof message) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(message + message_len, sizeof message - message_len, fmt, copy);
    va_end(copy);
    if (n > 0) message_len += (size_t)n < sizeof message - message_len ? (size_t)n : sizeof message - message_len - 1;
  }
  int n = vfprintf(stream, fmt, ap);
  va_end(ap);
  return n;
}

void (*cokit_on_abort)(const char *kind, int co, const char *msg);

void cokit_abort(void) {
  char escaped[2 * sizeof message];
  size_t k = 0;
  for (size_t i = 0; i < message_len && k + 7 < sizeof escaped; i++) {
    unsigned char ch = (unsigned char)message[i];
    if (ch == '\n' && i + 1 == message_len) break;
    if (ch == '"' || ch == '\\') escaped[k++] = '\\', escaped[k++] = (char)ch;
    else if (ch < 0x20) k += (size_t)snprintf(escaped + k, 7, "\\u%04x", ch);
    else escaped[k++] = (char)ch;
  }
  escaped[k] = '\0';
  message_len = 0;
  const char *kind = strstr(escaped, "already scheduled") != NULL ? "already-scheduled"
                   : strstr(escaped, "re-entered recursively") != NULL || strstr(escaped, "self != co") != NULL ? "recursive-entry"
                   : NULL;
  if (kind == NULL || cokit_on_abort == NULL) {
    fprintf(stderr, "cokit-qemu: QEMU aborted, not for a reason the strict profile knows: %s\n", escaped);
    _exit(134);
  }
  cokit_on_abort(kind, subject != NULL ? CO(subject)->id : 0, escaped);
  _exit(134); /* the handler does not return */
}

void cokit_assert_fail(const char *expr, const char *file, int line, const char *func) {
  cokit_fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
  cokit_abort();
}
