/*
 * A coroutine scheduler with the semantics of QEMU's util/async.c + util/qemu-coroutine.c after
 * "coroutine: Cancel aio_co_schedule() on direct entry": ucontext coroutines, one pthread per AioContext.
 */
#ifndef COKIT_SCHED_H
#define COKIT_SCHED_H

#include "str.h"

enum { INS_YIELD, INS_SCHEDULE, INS_ENTER, INS_WAKE };
typedef struct { int kind, target, ctx; } Ins;

/* Events of the operation being applied are appended to a Str as JSON objects separated by commas. */

void sched_open(int contexts, int coroutines, Str *events);
void sched_close(void);
/* The driver operations; each runs to completion (on the thread of the context it names) before returning. */
void sched_create(int co, Ins *program, int len);
void sched_enter(int co, int from);
void sched_schedule(int co, int ctx, int from);
void sched_poll(int ctx);

#endif
