/* The two levels the QEMU child claims: 1 (session.c) and 3 (concurrent.c); main.c speaks the protocol. */
#ifndef COKIT_QEMU_LEVELS_H
#define COKIT_QEMU_LEVELS_H

#include "../c/json.h"
#include "../c/str.h"

/* Level 1: a session of driver operations, each applied to completion on the calling thread, which plays
 * the thread of the context the operation names. Events go to `events` (which the caller empties between
 * operations). After QEMU aborts, the session is over: later operations do nothing. */
void session_open(int contexts, int coroutines, Str *events);
/* Apply one operation; NULL, or what is wrong with it (the reply is then an error message). */
const char *session_apply(const JNode *op);
void session_close(void);

/* Level 3: run a concurrent program (PROTOCOL.md, run-concurrent) on real threads, one per AioContext
 * running its BH and one per driver; NULL and the reply printed, or what is wrong with the program. When QEMU
 * aborts, the reply (its events, the abort last) is printed and the process exits. */
const char *concurrent_run(long id, const JNode *program, unsigned seed, Str *log);

#endif
