/*
 * Included after cokit_shim.h in front of QEMU's code only: its fatal paths are intercepted. fprintf(stderr, …)
 * is captured (and still written), then abort() and failed assert()s call cokit_abort(), which reports the
 * `abort` event with QEMU's message instead of killing the process (backend.c).
 */
#ifndef COKIT_FATAL_H
#define COKIT_FATAL_H

#define fprintf cokit_fprintf
#define abort() cokit_abort()
#undef assert
#define assert(e) ((e) ? (void)0 : cokit_assert_fail(#e, __FILE__, __LINE__, __func__))

#endif
