/* Level 3: a concurrent program run on real threads (see concurrent.c). */
#ifndef COKIT_CONCURRENT_H
#define COKIT_CONCURRENT_H

#include "sched.h"

enum { COP_SCHEDULE, COP_ENTER };
/* A driver's operation: schedule(co, ctx), or enter(co) from context `ctx`. */
typedef struct { int kind, co, ctx; } COp;

typedef struct {
  int coroutines, contexts, yields, drivers;
  int *nops;        /* operations per driver */
  COp **ops;        /* each driver's operations, in issue order */
} CProgram;

/* Run the program to quiescence; append the observed events (JSON objects, comma-separated) to `log`,
 * which must start empty. `seed` drives the delays between steps. */
void concurrent_run(const CProgram *p, unsigned seed, Str *log);

#endif
