/*
 * A coroutine scheduler with the semantics of QEMU's util/async.c + util/qemu-coroutine.c after
 * "coroutine: Cancel aio_co_schedule() on direct entry": ucontext coroutines, one pthread per AioContext.
 */
#ifndef COKIT_SCHED_H
#define COKIT_SCHED_H

#include <stddef.h>

enum { INS_YIELD, INS_SCHEDULE, INS_ENTER, INS_WAKE };
typedef struct { int kind, target, ctx; } Ins;

/* Events of the operation being applied are appended here as JSON objects separated by commas. */
typedef struct { char *buf; size_t len, cap; } Str;
void str_add(Str *s, const char *fmt, ...);
/* Append one JSON item to a comma-separated list held in `s` (a comma first unless `s` is empty). */
void str_item(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void sched_open(int contexts, int coroutines, Str *events);
void sched_close(void);
/* The driver operations; each runs to completion (on the thread of the context it names) before returning. */
void sched_create(int co, Ins *program, int len);
void sched_enter(int co, int from);
void sched_schedule(int co, int ctx, int from);
void sched_poll(int ctx);

#endif
