/* The process protocol (adapters/process/PROTOCOL.md): the main thread reads requests, hands each driver
 * operation to the thread of the context it names, and prints the events it caused. */
#define _GNU_SOURCE
#include "concurrent.h"
#include "json.h"
#include "sched.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(COKIT_SEED_LITERAL_LIST)
#define NAME "cokit-c-seed-literal"
#define LEVELS "[1]"
#elif defined(COKIT_PUBLISH_BEFORE_MARK)
#define NAME "cokit-c-publish-before-mark"
#define LEVELS "[1,2,3]"
#elif defined(COKIT_UNMARK_BEFORE_CALLER)
#define NAME "cokit-c-unmark-before-caller"
#define LEVELS "[1,2,3]"
#else
#define NAME "cokit-c"
#define LEVELS "[1,2,3]"
#endif

static int open_ = 0, nctx = 0, nco = 0, created = 0;

static void reply_error(long id, const char *msg) { printf("{\"type\":\"error\",\"id\":%ld,\"message\":\"%s\"}\n", id, msg); }

static int bad(long v, int n) { return v < 0 || v >= n; }

/* Apply one driver operation; a string names what is wrong with it (the reply is then an error). */
static const char *apply_op(const JNode *op) {
  long co = json_int(op, "co", -1), ctx = json_int(op, "ctx", -1), from = json_int(op, "from", -1);
  if (json_is(op, "op", "create")) {
    const JNode *prog = json_get(op, "program");
    if (co != created || bad(co, nco) || prog == NULL || prog->kind != J_ARR) return "bad create";
    int len = 0;
    for (const JNode *i = prog->child; i != NULL; i = i->next) len++;
    Ins *ins = calloc((size_t)len + 1, sizeof(Ins));
    if (ins == NULL) abort();
    int k = 0;
    for (const JNode *i = prog->child; i != NULL; i = i->next, k++) {
      ins[k].target = (int)json_int(i, "target", 0), ins[k].ctx = (int)json_int(i, "ctx", 0);
      if (json_is(i, "kind", "yield")) ins[k].kind = INS_YIELD;
      else if (json_is(i, "kind", "schedule")) ins[k].kind = INS_SCHEDULE;
      else if (json_is(i, "kind", "enter")) ins[k].kind = INS_ENTER;
      else if (json_is(i, "kind", "wake")) ins[k].kind = INS_WAKE;
      else { free(ins); return "bad instruction"; }
      if (ins[k].kind != INS_YIELD && (bad(ins[k].target, nco) || bad(ins[k].ctx, nctx))) { free(ins); return "instruction out of range"; }
    }
    sched_create((int)co, ins, len);
    created++;
    return NULL;
  }
  if (created < nco) return "operation before every coroutine was created";
  if (json_is(op, "op", "enter")) {
    if (bad(co, nco) || bad(from, nctx)) return "bad enter";
    sched_enter((int)co, (int)from);
  } else if (json_is(op, "op", "schedule")) {
    if (bad(co, nco) || bad(ctx, nctx) || bad(from, nctx)) return "bad schedule";
    sched_schedule((int)co, (int)ctx, (int)from);
  } else if (json_is(op, "op", "poll")) {
    if (bad(ctx, nctx)) return "bad poll";
    sched_poll((int)ctx);
  } else return "unknown op";
  return NULL;
}

/* Read a concurrent program; a string names what is wrong with it. The caller frees p->ops[*] and the arrays. */
static const char *read_program(const JNode *j, CProgram *p) {
  const JNode *drivers = json_get(j, "drivers");
  p->coroutines = (int)json_int(j, "coroutines", -1), p->contexts = (int)json_int(j, "contexts", -1), p->yields = (int)json_int(j, "yields", -1);
  if (p->coroutines < 1 || p->coroutines > 64 || p->contexts < 1 || p->contexts > 64 || p->yields < 0 || p->yields > 1000) return "bad program sizes";
  if (drivers == NULL || drivers->kind != J_ARR) return "program without drivers";
  p->drivers = 0;
  for (const JNode *d = drivers->child; d != NULL; d = d->next) p->drivers++;
  if (p->drivers < 1 || p->drivers > 64) return "bad number of drivers";
  p->nops = calloc((size_t)p->drivers, sizeof(int));
  p->ops = calloc((size_t)p->drivers, sizeof(COp *));
  if (p->nops == NULL || p->ops == NULL) abort();
  int k = 0;
  for (const JNode *d = drivers->child; d != NULL; d = d->next, k++) {
    if (d->kind != J_ARR) return "a driver is not a list of operations";
    int n = 0;
    for (const JNode *o = d->child; o != NULL; o = o->next) n++;
    if ((p->ops[k] = calloc((size_t)n + 1, sizeof(COp))) == NULL) abort();
    p->nops[k] = n;
    int i = 0;
    for (const JNode *o = d->child; o != NULL; o = o->next, i++) {
      COp *op = &p->ops[k][i];
      op->co = (int)json_int(o, "co", -1);
      if (json_is(o, "op", "schedule")) op->kind = COP_SCHEDULE, op->ctx = (int)json_int(o, "ctx", -1);
      else if (json_is(o, "op", "enter")) op->kind = COP_ENTER, op->ctx = (int)json_int(o, "from", -1);
      else return "unknown concurrent operation";
      if (bad(op->co, p->coroutines) || bad(op->ctx, p->contexts)) return "concurrent operation out of range";
    }
  }
  return NULL;
}

static void free_program(CProgram *p) {
  for (int k = 0; p->ops != NULL && k < p->drivers; k++) free(p->ops[k]);
  free(p->ops), free(p->nops);
}

static void handle(const JNode *m, Str *events, Str *out) {
  long id = json_int(m, "id", -1);
  if (json_is(m, "type", "open")) {
    const JNode *cfg = json_get(m, "config");
    long k = json_int(cfg, "contexts", 0), n = json_int(cfg, "coroutines", -1);
    if (open_ || k < 1 || k > 64 || n < 0 || n > 1024) return reply_error(id, "bad open");
    nctx = (int)k, nco = (int)n, created = 0, open_ = 1;
    sched_open(nctx, nco, events);
    printf("{\"type\":\"opened\",\"id\":%ld}\n", id);
  } else if (json_is(m, "type", "close")) {
    if (!open_) return reply_error(id, "close without open");
    sched_close();
    open_ = 0;
    printf("{\"type\":\"closed\",\"id\":%ld}\n", id);
  } else if (json_is(m, "type", "session")) {
    /* open, every operation, close: one round trip for a whole level-1 run */
    const JNode *cfg = json_get(m, "config"), *ops = json_get(m, "ops");
    long k = json_int(cfg, "contexts", 0), n = json_int(cfg, "coroutines", -1);
    if (open_ || k < 1 || k > 64 || n < 0 || n > 1024 || ops == NULL || ops->kind != J_ARR) return reply_error(id, "bad session");
    nctx = (int)k, nco = (int)n, created = 0, open_ = 1;
    sched_open(nctx, nco, events);
    out->len = 0;
    str_add(out, "{\"type\":\"session-done\",\"id\":%ld,\"events\":[", id);
    for (const JNode *op = ops->child; op != NULL; op = op->next) {
      events->len = 0;
      const char *problem = apply_op(op);
      if (problem != NULL) { sched_close(); open_ = 0; return reply_error(id, problem); }
      str_add(out, "%s[%.*s]", op == ops->child ? "" : ",", (int)events->len, events->len ? events->buf : "");
    }
    sched_close();
    open_ = 0;
    str_add(out, "]}");
    printf("%.*s\n", (int)out->len, out->buf);
  } else if (json_is(m, "type", "apply")) {
    const JNode *ops = json_get(m, "ops");
    if (!open_ || ops == NULL || ops->kind != J_ARR) return reply_error(id, "apply without open session or ops");
    out->len = 0;
    str_add(out, "{\"type\":\"applied\",\"id\":%ld,\"events\":[", id);
    for (const JNode *op = ops->child; op != NULL; op = op->next) {
      events->len = 0;
      const char *problem = apply_op(op);
      if (problem != NULL) return reply_error(id, problem);
      str_add(out, "%s[%.*s]", op == ops->child ? "" : ",", (int)events->len, events->len ? events->buf : "");
    }
    str_add(out, "]}");
    printf("%.*s\n", (int)out->len, out->buf);
  } else if (json_is(m, "type", "run-concurrent")) {
    if (open_) return reply_error(id, "run-concurrent inside an open session");
    CProgram p = { 0 };
    const char *problem = read_program(json_get(m, "program"), &p);
    if (problem != NULL) { free_program(&p); return reply_error(id, problem); }
    events->len = 0;
    concurrent_run(&p, (unsigned)json_int(m, "seed", 0), events);
    free_program(&p);
    printf("{\"type\":\"ran\",\"id\":%ld,\"events\":[%.*s]}\n", id, (int)events->len, events->len ? events->buf : "");
  } else if (json_is(m, "type", "run-interleaved")) {
    if (open_) return reply_error(id, "run-interleaved inside an open session");
    const JNode *ch = json_get(m, "choices");
    long max_steps = json_int(m, "maxSteps", -1);
    if (ch == NULL || ch->kind != J_ARR || max_steps < 0 || max_steps > 100000) return reply_error(id, "run-interleaved without choices or maxSteps");
    int n = 0;
    for (const JNode *c = ch->child; c != NULL; c = c->next) n++;
    int *choices = calloc((size_t)n + 1, sizeof(int));
    if (choices == NULL) abort();
    n = 0;
    for (const JNode *c = ch->child; c != NULL; c = c->next) {
      if (c->kind != J_NUM || c->num < 0 || c->num > 1e9) { free(choices); return reply_error(id, "a choice is not a natural number"); }
      choices[n++] = (int)c->num;
    }
    CProgram p = { 0 };
    const char *problem = read_program(json_get(m, "program"), &p), *end = NULL;
    if (problem == NULL) {
      out->len = 0;
      problem = stepped_run(&p, choices, n, (int)max_steps, out, &end);
    }
    free_program(&p);
    free(choices);
    if (problem != NULL) return reply_error(id, problem);
    printf("{\"type\":\"stepped\",\"id\":%ld,\"end\":\"%s\",\"steps\":[%.*s]}\n", id, end, (int)out->len, out->len ? out->buf : "");
  } else reply_error(id, "unknown request");
}

int main(void) {
  Str events = { NULL, 0, 0 }, out = { NULL, 0, 0 };
  str_add(&events, "%s", "");
  str_add(&out, "%s", "");
  printf("{\"type\":\"hello\",\"protocol\":1,\"meta\":{\"name\":\"%s\",\"version\":\"1.0.0\",\"profile\":\"cancel\",\"levels\":" LEVELS ","
         "\"description\":\"C11 scheduler: ucontext coroutines; levels 2 and 3 run a pthread per AioContext and per driver\"},\"features\":[\"session\"]}\n", NAME);
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
