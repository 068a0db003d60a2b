/* Levels 2 and 3: a concurrent program run on real threads (see concurrent.c). */
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

/* Level 2: run the program with a gate before every one of the seed's steps, letting one thread through at a
 * time: at step i the thread runnable[choices[i] % n] of the n runnable ones, ascending (runnable[0] once
 * the choices run out), for at most `max_steps` steps. Appends one JSON object per step to `out` (which
 * must start empty): {"runnable":[…],"thread":t,"step":"…","co":c,"events":[…]}. Sets `*end` to
 * "completed" (no thread could move) or "step-limit"; returns NULL, or what went wrong inside. */
const char *stepped_run(const CProgram *p, const int *choices, int nchoices, int max_steps, Str *out, const char **end);

#endif
