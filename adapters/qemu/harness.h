/*
 * cokit's side of the QEMU child: what backend.c (coroutine backend, AioContext and bottom half, trace
 * points, QEMU's fatal paths), session.c (level 1), concurrent.c (level 3) and main.c (the protocol) share.
 * QEMU's functions called here are compiled from QEMU's own source (build/qemu_code.c).
 */
#ifndef COKIT_QEMU_HARNESS_H
#define COKIT_QEMU_HARNESS_H

#include "cokit_shim.h"
#include "../c/str.h"
#include <pthread.h>
#include <stdatomic.h>

/* co_schedule_bh_cb, the callback QEMU's aio_context_new() gives ctx->co_schedule_bh. */
extern QEMUBHFunc *const cokit_co_schedule_bh_cb;

/* The run's event log: JSON objects, comma-separated, appended under one lock so its order is an order in
 * which the events happened. */
extern Str *cokit_log;
void cokit_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last event: appended under the log's lock, which is then kept (the process is about to end). */
void cokit_event_final(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Coroutines: cokit's number of a QEMU coroutine. */
void cokit_co_set_id(Coroutine *co, int id);
int cokit_co_id(Coroutine *co);
/* Before QEMU's aio_co_schedule(ctx x, co): a terminated coroutine (its `terminated` logged) whose mark is clear would be scheduled in
 * freed memory, so the harness refuses it (reports entry-after-termination, returns 1). With its mark set,
 * QEMU's own compare-and-swap refuses it first (abort), so QEMU is called. */
int cokit_refuse_schedule(Coroutine *co, int x);
/* Free every coroutine the backend made (the end of a session or run) and forget this thread's state. */
void cokit_co_free_all(void);

/* AioContexts: set up (with their co_schedule_bh), torn down; one poll of the BH (aio_bh_poll for it). */
void cokit_ctx_init(AioContext *ctx, int id);
void cokit_ctx_destroy(AioContext *ctx);
int cokit_bh_poll(AioContext *ctx);
int cokit_bh_armed(AioContext *ctx);
/* Level 3: called by qemu_bh_schedule after it arms a context's BH (aio_notify). */
extern void (*cokit_bh_notify)(AioContext *ctx);
/* The context this thread runs (qemu_get_current_aio_context). */
void cokit_set_current_ctx(AioContext *ctx);

/* The coroutine an abort concerns, when the harness calls QEMU without a trace point in between. */
void cokit_set_subject(Coroutine *co);
/* Called by QEMU's abort(): kind is "already-scheduled" or "recursive-entry", msg QEMU's message (JSON-escaped).
 * Does not return: level 1 jumps back to the session, level 3 ends the process. */
extern void (*cokit_on_abort)(const char *kind, int co, const char *msg);

/* Level 3: seeded delays at the trace points, so runs differ (0: none). */
void cokit_jitter_seed(unsigned seed);
/* This thread's number, for its delays (each level-3 thread calls it first). */
void cokit_jitter_thread(int t);

#endif
