/*
** schedule.c - the daily sequence of processes.
*/
#include <humsec/schedule.h>

#include <string.h>

void hs_schedule_init(hs_schedule *s)
{
    memset(s, 0, sizeof *s);
}

hs_status hs_schedule_add(hs_schedule *s, const char *name, hs_process_fn step, void *ctx,
                          hs_error *err)
{
    if (s->n == HS_SCHEDULE_MAX)
        return hs_error_set(err, HS_ERR_USAGE, NULL, 0, name, "the schedule is full");
    s->procs[s->n].name = name;
    s->procs[s->n].step = step;
    s->procs[s->n].ctx = ctx;
    s->n++;
    return HS_OK;
}

hs_status hs_schedule_run_day(const hs_schedule *s, long day, hs_error *err)
{
    for (int i = 0; i < s->n; i++) {
        hs_status st = s->procs[i].step(s->procs[i].ctx, day, err);
        if (st != HS_OK) return st;
    }
    return HS_OK;
}
