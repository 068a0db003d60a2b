/*
 * cokit-qemu: QEMU's own coroutine scheduling code (util/async.c, util/qemu-coroutine.c, as fetched by
 * build.sh) speaking the process protocol (adapters/process/PROTOCOL.md). Profile `strict`, levels 1 and 3.
 */
#define _GNU_SOURCE
#include "levels.h"
#include <stdio.h>
#include <stdlib.h>

#ifndef COKIT_QEMU_ORIGIN
#define COKIT_QEMU_ORIGIN "unknown"
#endif

static int open_ = 0;

static void reply_error(long id, const char *msg) { printf("{\"type\":\"error\",\"id\":%ld,\"message\":\"%s\"}\n", id, msg); }

static int read_config(const JNode *cfg, int *k, int *n) {
  long kk = json_int(cfg, "contexts", 0), nn = json_int(cfg, "coroutines", -1);
  if (kk < 1 || kk > 64 || nn < 0 || nn > 1024) return 0;
  *k = (int)kk, *n = (int)nn;
  return 1;
}

/* Apply `ops` in order into `out`: one event list per operation; NULL, or the first operation's problem. */
static const char *apply_all(const JNode *ops, Str *events, Str *out) {
  str_add(out, "%s", "[");
  for (const JNode *op = ops->child; op != NULL; op = op->next) {
    events->len = 0;
    const char *problem = session_apply(op);
    if (problem != NULL) return problem;
    str_add(out, "%s[%.*s]", op == ops->child ? "" : ",", (int)events->len, events->len ? events->buf : "");
  }
  str_add(out, "%s", "]");
  return NULL;
}

static void handle(const JNode *m, Str *events, Str *out) {
  long id = json_int(m, "id", -1);
  int k, n;
  out->len = 0;
  if (json_is(m, "type", "open")) {
    if (open_ || !read_config(json_get(m, "config"), &k, &n)) return reply_error(id, "bad open");
    session_open(k, n, events);
    open_ = 1;
    printf("{\"type\":\"opened\",\"id\":%ld}\n", id);
  } else if (json_is(m, "type", "close")) {
    if (!open_) return reply_error(id, "close without open");
    session_close();
    open_ = 0;
    printf("{\"type\":\"closed\",\"id\":%ld}\n", id);
  } else if (json_is(m, "type", "apply")) {
    const JNode *ops = json_get(m, "ops");
    if (!open_ || ops == NULL || ops->kind != J_ARR) return reply_error(id, "apply without open session or ops");
    const char *problem = apply_all(ops, events, out);
    if (problem != NULL) return reply_error(id, problem);
    printf("{\"type\":\"applied\",\"id\":%ld,\"events\":%.*s}\n", id, (int)out->len, out->buf);
  } else if (json_is(m, "type", "session")) {
    /* open, every operation, close: one round trip for a whole level-1 run */
    const JNode *ops = json_get(m, "ops");
    if (open_ || !read_config(json_get(m, "config"), &k, &n) || ops == NULL || ops->kind != J_ARR) return reply_error(id, "bad session");
    session_open(k, n, events);
    const char *problem = apply_all(ops, events, out);
    session_close();
    if (problem != NULL) return reply_error(id, problem);
    printf("{\"type\":\"session-done\",\"id\":%ld,\"events\":%.*s}\n", id, (int)out->len, out->buf);
  } else if (json_is(m, "type", "run-concurrent")) {
    if (open_) return reply_error(id, "run-concurrent inside an open session");
    events->len = 0;
    const char *problem = concurrent_run(id, json_get(m, "program"), (unsigned)json_int(m, "seed", 0), events);
    if (problem != NULL) return reply_error(id, problem);
  } else reply_error(id, "unknown request");
}

int main(void) {
  Str events = { NULL, 0, 0 }, out = { NULL, 0, 0 };
  str_add(&events, "%s", "");
  str_add(&out, "%s", "");
  printf("{\"type\":\"hello\",\"protocol\":1,\"meta\":{\"name\":\"cokit-qemu\",\"version\":\"%s\",\"profile\":\"strict\",\"levels\":[1,3],"
         "\"description\":\"QEMU's own aio_co_schedule, co_schedule_bh_cb, aio_co_wake, aio_co_enter (util/async.c) and "
         "util/qemu-coroutine.c, from %s, on cokit's shim: ucontext coroutines, a pthread per AioContext at level 3\"},\"features\":[\"session\"]}\n",
         COKIT_QEMU_ORIGIN, COKIT_QEMU_ORIGIN);
  fflush(stdout);
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, stdin) > 0) {
    const char *err = NULL;
    JNode *m = json_parse(line, &err);
    if (m == NULL) reply_error(-1, err);
    else handle(m, &events, &out);
    json_free(m);
    fflush(stdout);
  }
  free(line), free(events.buf), free(out.buf);
  return 0;
}
