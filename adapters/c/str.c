#include "str.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void str_add(Str *s, const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
    va_end(ap);
    if (n >= 0 && s->len + (size_t)n < s->cap) { s->len += (size_t)n; return; }
    s->cap = s->cap * 2 + (size_t)n + 64;
    if ((s->buf = realloc(s->buf, s->cap)) == NULL) abort();
  }
}

void str_item(Str *s, const char *fmt, ...) {
  char one[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(one, sizeof one, fmt, ap);
  va_end(ap);
  str_add(s, "%s%s", s->len > 0 ? "," : "", one);
}
