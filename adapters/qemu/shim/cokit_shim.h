/*
 * The environment QEMU's own code is compiled in (build/qemu_code.c: QEMU's util/qemu-coroutine.c and the
 * coroutine functions of util/async.c, textually, after this header). Ours, not QEMU's: QEMU's real headers
 * for atomics (include/qemu/atomic.h, so every qatomic_* and barrier is QEMU's own __atomic builtin),
 * queues (include/qemu/queue.h, QSLIST_INSERT_HEAD_ATOMIC / QSLIST_MOVE_ATOMIC) and struct Coroutine
 * (include/qemu/coroutine_int.h); around them the smallest AioContext, bottom half, lock, trace and
 * coroutine-backend declarations those functions call, implemented in backend.c.
 */
#ifndef COKIT_SHIM_H
#define COKIT_SHIM_H

#define _GNU_SOURCE
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu/compiler.h"

/* include/qemu/osdep.h: a size the compiler proves at build time (QEMU's code is built with -O2). */
void qemu_build_not_reached_always(void) __attribute__((error("code path is reachable")));
#define qemu_build_assert(test) while (!(test)) qemu_build_not_reached_always()

#include "qemu/atomic.h"
#include "qemu/queue.h"
#include "qemu/coroutine_int.h"

/* The coroutine pool is a heuristic over allocation (QEMU builds without it too, e.g. with safestack): off,
 * every terminated coroutine goes to the backend's qemu_coroutine_delete. */
#define CONFIG_COROUTINE_POOL 0

/* include/qemu/coroutine-tls.h, the plain __thread variant. */
#define QEMU_DEFINE_STATIC_CO_TLS(type, var)                                   \
  static __thread type co_tls_##var;                                           \
  static inline __attribute__((unused)) type get_##var(void) { return co_tls_##var; } \
  static inline __attribute__((unused)) void set_##var(type v) { co_tls_##var = v; } \
  static inline __attribute__((unused)) type *get_ptr_##var(void) { return &co_tls_##var; }

typedef struct Notifier { void (*notify)(struct Notifier *n, void *data); } Notifier;
void qemu_thread_atexit_add(Notifier *notifier);

/* include/block/aio.h, reduced to what the coroutine functions touch. */
typedef void QEMUBHFunc(void *opaque);
typedef struct QEMUBH QEMUBH;
struct AioContext {
  QSLIST_HEAD(, Coroutine) scheduled_coroutines;
  QEMUBH *co_schedule_bh;
  int cokit_id;
};
void qemu_bh_schedule(QEMUBH *bh);
void aio_context_acquire(AioContext *ctx);
void aio_context_release(AioContext *ctx);
void aio_context_ref(AioContext *ctx);
void aio_context_unref(AioContext *ctx);
AioContext *qemu_get_current_aio_context(void);
void aio_co_schedule(AioContext *ctx, Coroutine *co);
void aio_co_wake(Coroutine *co);
void aio_co_enter(AioContext *ctx, Coroutine *co);

/* The coroutine backend (QEMU's util/coroutine-*.c): backend.c. */
Coroutine *qemu_coroutine_new(void);
void qemu_coroutine_delete(Coroutine *co);
CoroutineAction qemu_coroutine_switch(Coroutine *from, Coroutine *to, CoroutineAction action);

/* QEMU's generated trace points: no-ops for QEMU, the harness's observation points (backend.c). */
void trace_aio_co_schedule(AioContext *ctx, Coroutine *co);
void trace_aio_co_schedule_bh_cb(AioContext *ctx, Coroutine *co);
void trace_qemu_aio_coroutine_enter(AioContext *ctx, Coroutine *from, Coroutine *to, void *opaque);
void trace_qemu_coroutine_yield(Coroutine *from, Coroutine *to);
void trace_qemu_coroutine_terminate(Coroutine *co);

/* The fatal paths (the macros that route QEMU's code to them: cokit_fatal.h). */
int cokit_fprintf(FILE *stream, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void cokit_abort(void);
_Noreturn void cokit_assert_fail(const char *expr, const char *file, int line, const char *func);

#endif
