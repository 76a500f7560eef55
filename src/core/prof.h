/* prof.h -- per-stage CPU time of the pipeline, for the benchmark.
 *
 * Off unless td__prof_enable(1) was called (bench_ingest does; so does
 * TIDINGS_PROFILE=1 in the environment of a program using the engine):
 * when off, a stage costs one relaxed atomic load. When on, each stage's
 * thread CPU time is added up across threads. */
#ifndef TD_CORE_PROF_H
#define TD_CORE_PROF_H

#include <stdint.h>

typedef enum td__stage {
    TD__ST_EXTRACT,  /* HTML main-text extraction */
    TD__ST_CLEAN,    /* markup, furniture, comments, title, date */
    TD__ST_LANG,     /* language identification */
    TD__ST_TOKENS,   /* segmentation, folding, stop words, stems */
    TD__ST_ENTITIES, /* names, places, dates, numbers found in the text */
    TD__ST_RESOLVE,  /* entities joined to the stored ones, mentions stored */
    TD__ST_FEATURES, /* feature vector and MinHash */
    TD__ST_CLUSTER,  /* story assignment (td__cluster_add and its records) */
    TD__ST_STORE,    /* article row, search index, commits */
    TD__ST_LATE,     /* pending names of caseless scripts tried again */
    TD__ST_REVISIT,  /* td__cluster_refine before each commit */
    TD__ST_COUNT
} td__stage;

void td__prof_enable(int on);
int td__prof_enabled(void);

/* A start mark: 0 when profiling is off (then td__prof_stop does nothing).
 * A stage timed inside another is taken out of the outer one's time. */
uint64_t td__prof_start(void);
void td__prof_stop(td__stage stage, uint64_t start);

/* Seconds spent in stage so far (all threads), and its name. */
double td__prof_seconds(td__stage stage);
const char *td__prof_name(td__stage stage);
void td__prof_reset(void);

#endif
