/*
 * cokit's stand-in for QEMU's include/qemu/coroutine.h (QEMU's coroutine_int.h includes it): only the
 * declarations util/qemu-coroutine.c and the extracted util/async.c functions use. Ours, not QEMU's.
 */
#ifndef COKIT_SHIM_QEMU_COROUTINE_H
#define COKIT_SHIM_QEMU_COROUTINE_H

#include <stdbool.h>
#include <stddef.h>

#define coroutine_fn
typedef struct Coroutine Coroutine;
typedef struct AioContext AioContext;
typedef void coroutine_fn CoroutineEntry(void *opaque);

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque);
void qemu_coroutine_enter(Coroutine *co);
void qemu_aio_coroutine_enter(AioContext *ctx, Coroutine *co);
void coroutine_fn qemu_coroutine_yield(void);
bool qemu_coroutine_entered(Coroutine *co);
AioContext *qemu_coroutine_get_aio_context(Coroutine *co);
Coroutine *qemu_coroutine_self(void);
bool qemu_in_coroutine(void);

#endif
