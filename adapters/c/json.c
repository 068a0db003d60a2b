#include "json.h"
#include <stdlib.h>
#include <string.h>

/* Recursive descent over the request line; depth is bounded so a hostile line cannot exhaust the stack. */
typedef struct { const char *p; const char *err; int depth; } P;

static void ws(P *s) { while (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n') s->p++; }

static JNode *node(JKind k) {
  JNode *n = calloc(1, sizeof *n);
  if (n == NULL) abort();
  n->kind = k;
  return n;
}

static char *string(P *s) {
  size_t cap = 16, len = 0;
  char *out = malloc(cap);
  if (out == NULL) abort();
  s->p++; /* opening quote */
  while (*s->p != '"') {
    char c = *s->p++;
    if (c == '\0') { s->err = "unterminated string"; free(out); return NULL; }
    if (c == '\\') {
      char e = *s->p++;
      switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'u': /* non-ASCII escapes are kept as '?': requests only carry ASCII names */
          for (int i = 0; i < 4; i++) if (*s->p != '\0') s->p++;
          c = '?';
          break;
        case '\0': s->err = "unterminated escape"; free(out); return NULL;
        default: c = e; break;
      }
    }
    if (len + 2 > cap) { cap *= 2; out = realloc(out, cap); if (out == NULL) abort(); }
    out[len++] = c;
  }
  s->p++;
  out[len] = '\0';
  return out;
}

static JNode *value(P *s);

static JNode *container(P *s, int obj) {
  JNode *n = node(obj ? J_OBJ : J_ARR), **tail = &n->child;
  char close = obj ? '}' : ']';
  if (++s->depth > 64) { s->err = "nested too deeply"; return n; }
  s->p++;
  ws(s);
  if (*s->p == close) { s->p++; s->depth--; return n; }
  for (;;) {
    char *key = NULL;
    ws(s);
    if (obj) {
      if (*s->p != '"') { s->err = "expected a key"; return n; }
      if ((key = string(s)) == NULL) return n;
      ws(s);
      if (*s->p++ != ':') { free(key); s->err = "expected ':'"; return n; }
    }
    JNode *v = value(s);
    if (v == NULL) { free(key); return n; }
    v->key = key;
    *tail = v;
    tail = &v->next;
    if (s->err != NULL) return n;
    ws(s);
    if (*s->p == ',') { s->p++; continue; }
    if (*s->p == close) { s->p++; s->depth--; return n; }
    s->err = "expected ',' or a closing bracket";
    return n;
  }
}

static JNode *value(P *s) {
  ws(s);
  char c = *s->p;
  if (c == '{' || c == '[') return container(s, c == '{');
  if (c == '"') {
    char *str = string(s);
    if (str == NULL) return NULL;
    JNode *n = node(J_STR);
    n->str = str;
    return n;
  }
  if (strncmp(s->p, "true", 4) == 0 || strncmp(s->p, "null", 4) == 0) { s->p += 4; return node(c == 'n' ? J_NULL : J_BOOL); }
  if (strncmp(s->p, "false", 5) == 0) { s->p += 5; return node(J_BOOL); }
  char *end;
  double d = strtod(s->p, &end);
  if (end == s->p) { s->err = "unexpected character"; return NULL; }
  s->p = end;
  JNode *n = node(J_NUM);
  n->num = d;
  return n;
}

JNode *json_parse(const char *text, const char **err) {
  P s = { text, NULL, 0 };
  JNode *n = value(&s);
  ws(&s);
  if (s.err == NULL && *s.p != '\0') s.err = "trailing characters";
  if (s.err != NULL) { *err = s.err; json_free(n); return NULL; }
  return n;
}

void json_free(JNode *n) {
  while (n != NULL) {
    JNode *next = n->next;
    json_free(n->child);
    free(n->str);
    free(n->key);
    free(n);
    n = next;
  }
}

const JNode *json_get(const JNode *obj, const char *key) {
  if (obj == NULL || obj->kind != J_OBJ) return NULL;
  for (const JNode *m = obj->child; m != NULL; m = m->next) if (m->key != NULL && strcmp(m->key, key) == 0) return m;
  return NULL;
}

long json_int(const JNode *obj, const char *key, long dflt) {
  const JNode *m = json_get(obj, key);
  if (m == NULL || m->kind != J_NUM || m->num != (double)(long)m->num) return dflt;
  return (long)m->num;
}

int json_is(const JNode *obj, const char *key, const char *s) {
  const JNode *m = json_get(obj, key);
  return m != NULL && m->kind == J_STR && strcmp(m->str, s) == 0;
}
