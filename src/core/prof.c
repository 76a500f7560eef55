/* prof.c -- per-stage CPU time (see prof.h). Thread CPU time rather than
 * wall time, so that a busy machine or waiting for the storing thread does
 * not count as work. */
#include "core/prof.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static atomic_int state; /* 0 unknown yet, 1 off, 2 on */
static _Atomic uint64_t spent[TD__ST_COUNT];

static const char *const names[TD__ST_COUNT] = {
    "extraction", "cleaning", "language", "tokens",  "entities",
    "resolution", "features", "clustering", "store", "late-names",
    "revisit",
};

void td__prof_enable(int on)
{
    atomic_store_explicit(&state, on ? 2 : 1, memory_order_relaxed);
}

int td__prof_enabled(void)
{
    int s = atomic_load_explicit(&state, memory_order_relaxed);
    if (s == 0) {
        const char *v = getenv("TIDINGS_PROFILE");
        s = v && *v && strcmp(v, "0") != 0 ? 2 : 1;
        atomic_store_explicit(&state, s, memory_order_relaxed);
    }
    return s == 2;
}

static uint64_t thread_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Time this thread has already booked to stages. A mark is the thread's
 * time minus it, so a stage timed inside another (features inside
 * clustering) is booked to the inner one only: stages never overlap. */
static _Thread_local uint64_t booked;

uint64_t td__prof_start(void)
{
    if (!td__prof_enabled())
        return 0;
    return thread_ns() - booked + 1; /* never 0 */
}

void td__prof_stop(td__stage stage, uint64_t start)
{
    if (!start || stage >= TD__ST_COUNT)
        return;
    uint64_t mark = thread_ns() - booked + 1;
    if (mark <= start)
        return;
    uint64_t d = mark - start;
    booked += d;
    atomic_fetch_add_explicit(&spent[stage], d, memory_order_relaxed);
}

double td__prof_seconds(td__stage stage)
{
    if (stage >= TD__ST_COUNT)
        return 0;
    return (double)atomic_load_explicit(&spent[stage], memory_order_relaxed) /
           1e9;
}

const char *td__prof_name(td__stage stage)
{
    return stage < TD__ST_COUNT ? names[stage] : "?";
}

void td__prof_reset(void)
{
    for (int i = 0; i < TD__ST_COUNT; i++)
        atomic_store_explicit(&spent[i], 0, memory_order_relaxed);
}
