/* A small JSON reader for the process protocol's requests (cokit's own code, not a general library). */
#ifndef COKIT_JSON_H
#define COKIT_JSON_H

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JKind;

typedef struct JNode {
  JKind kind;
  double num;
  char *str;             /* J_STR: the decoded string */
  char *key;             /* object members: the key */
  struct JNode *child;   /* J_ARR / J_OBJ: first element or member */
  struct JNode *next;    /* next sibling */
} JNode;

/* Parse one line; NULL (and *err set) when it is not JSON. Free with json_free. */
JNode *json_parse(const char *text, const char **err);
void json_free(JNode *n);
/* The member `key` of an object, or NULL. */
const JNode *json_get(const JNode *obj, const char *key);
/* The member `key` as an integer, or `dflt` when absent or not an integral number. */
long json_int(const JNode *obj, const char *key, long dflt);
/* Whether the member `key` is the string `s`. */
int json_is(const JNode *obj, const char *key, const char *s);

#endif
