/* A growable string for the process protocol's replies (shared by the C scheduler and the QEMU child). */
#ifndef COKIT_STR_H
#define COKIT_STR_H

#include <stddef.h>

typedef struct { char *buf; size_t len, cap; } Str;
void str_add(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append one JSON item to a comma-separated list held in `s` (a comma first unless `s` is empty). */
void str_item(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
