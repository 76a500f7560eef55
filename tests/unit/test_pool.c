/* test_pool.c -- the ordered worker pool (core/pool.h), the feature codec
 * (story/features.h) and td_engine_set_jobs through the public API; run
 * under ThreadSanitizer by make check-tsan. */
#include "testutil.h"

#include <pthread.h>
#include <unistd.h>

#include "core/pool.h"
#include "story/features.h"
#include "tidings.h"

typedef struct job {
    unsigned seq;
    uint64_t in, out;
    int ran;
} job;

/* Uneven work, so that jobs finish out of order. */
static void work(void *arg)
{
    job *j = arg;
    uint64_t x = j->in;
    unsigned rounds = (unsigned)(j->in % 7) * 300 + 1;
    for (unsigned i = 0; i < rounds; i++)
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    j->out = x;
    j->ran++;
}

static uint64_t expected(uint64_t in)
{
    job j = {0, in, 0, 0};
    work(&j);
    return j.out;
}

/* Submits n jobs through a pool of threads, collecting whenever it is full:
 * results come back in submission order, each run exactly once. */
static void run_ordered(int threads, size_t depth, unsigned n)
{
    td__pool *p = td__pool_new(threads, depth);
    assert_non_null(p);
    assert_int_equal(td__pool_threads(p), threads);
    job *jobs = calloc(n, sizeof *jobs);
    assert_non_null(jobs);
    unsigned next = 0;
    for (unsigned i = 0; i < n; i++) {
        jobs[i] = (job){i, (uint64_t)i * 2654435761u, 0, 0};
        while (td__pool_full(p)) {
            job *j = td__pool_collect(p);
            assert_non_null(j);
            assert_int_equal(j->seq, next);
            next++;
        }
        assert_int_equal(td__pool_submit(p, work, &jobs[i]), TD_OK);
        assert_true(td__pool_pending(p) <= depth);
    }
    job *j;
    while ((j = td__pool_collect(p)) != NULL) {
        assert_int_equal(j->seq, next);
        next++;
    }
    assert_int_equal(next, n);
    assert_int_equal(td__pool_pending(p), 0);
    for (unsigned i = 0; i < n; i++) {
        assert_int_equal(jobs[i].ran, 1);
        assert_true(jobs[i].out == expected(jobs[i].in));
    }
    td__pool_free(p);
    free(jobs);
}

static void test_inline(void **state)
{
    (void)state;
    run_ordered(0, 4, 100);
}

static void test_one_thread(void **state)
{
    (void)state;
    run_ordered(1, 1, 200);
}

static void test_many_threads(void **state)
{
    (void)state;
    run_ordered(4, 16, 5000);
    run_ordered(8, 3, 2000); /* more threads than room: most wait */
}

static void test_full_and_empty(void **state)
{
    (void)state;
    td__pool *p = td__pool_new(2, 2);
    assert_non_null(p);
    assert_null(td__pool_collect(p)); /* nothing in flight */
    job a = {0, 1, 0, 0}, b = {1, 2, 0, 0}, c = {2, 3, 0, 0};
    assert_int_equal(td__pool_submit(p, work, &a), TD_OK);
    assert_int_equal(td__pool_submit(p, work, &b), TD_OK);
    assert_true(td__pool_full(p));
    assert_int_equal(td__pool_submit(p, work, &c), TD_EINVAL);
    assert_ptr_equal(td__pool_collect(p), &a);
    assert_int_equal(td__pool_submit(p, work, &c), TD_OK);
    /* Freed with jobs in flight: they finish, nothing is left running. */
    td__pool_free(p);
    assert_int_equal(b.ran + c.ran, 2);
    td__pool_free(NULL);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    for (long n = 1; n <= 3; n++) {
        td_test_fail_alloc(n, 0);
        td__pool *p = td__pool_new(2, 4);
        td_test_fail_alloc(0, 0);
        if (p) { /* the allocations ran out before the nth */
            td__pool_free(p);
            continue;
        }
        assert_null(p);
    }
    assert_true(td__cpu_count() >= 1);
}

static void assert_same_features(const td__feature *a, const td__feature *b,
                                 size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assert_true(a[i].id == b[i].id);
        assert_memory_equal(&a[i].w, &b[i].w, sizeof a[i].w);
    }
}

static void test_codec(void **state)
{
    (void)state;
    td__feature v[6];
    memset(v, 0, sizeof v); /* padding too: the raw form is compared */
    td__feature init[6] = {{TD__F_ID(TD__F_TERM, 5), 1.0f},
                        {TD__F_ID(TD__F_TERM, 77777), 3.0f},
                        {TD__F_ID(TD__F_PIVOT, 1), 1.0f / 3.0f},
                        {TD__F_ID(TD__F_ENTITY, (1ULL << 60) + 9), 2.0f},
                        {TD__F_ID(TD__F_NUMBER, 123), 0.0f},
                        {TD__F_DATE_ID(2022, 1, 7), 0.5f}};
    for (int i = 0; i < 6; i++)
        v[i].id = init[i].id, v[i].w = init[i].w;
    unsigned char buf[256];
    assert_true(td__fvec_encoded_max(6) <= sizeof buf);
    size_t k = td__fvec_encode(v, 6, buf);
    assert_true(k < sizeof v); /* smaller than the raw array */
    assert_int_equal(buf[0], TD__FCODEC_V2);
    td__feature back[6];
    assert_int_equal(td__fvec_decode(buf, k, 0, back, 6), 6);
    assert_same_features(back, v, 6);
    /* Too little room, truncated, wrong format byte, a repeated id. */
    assert_int_equal(td__fvec_decode(buf, k, 0, back, 5), -1);
    assert_int_equal(td__fvec_decode(buf, k - 1, 0, back, 6), -1);
    buf[0] = 9;
    assert_int_equal(td__fvec_decode(buf, k, 0, back, 6), -1);
    unsigned char dup[] = {TD__FCODEC_V2, 5, 2, 0, 2};
    assert_int_equal(td__fvec_decode(dup, sizeof dup, 0, back, 6), -1);
    unsigned char odd[] = {TD__FCODEC_V2, 5, 3};
    assert_int_equal(td__fvec_decode(odd, sizeof odd, 0, back, 6), -1);
    unsigned char empty[] = {TD__FCODEC_V2};
    assert_int_equal(td__fvec_decode(empty, 1, 0, back, 6), 0);
    /* Schema 1's raw arrays. */
    assert_int_equal(td__fvec_decode(v, sizeof v, 1, back, 6), 6);
    assert_same_features(back, v, 6);
    assert_int_equal(td__fvec_decode(v, sizeof v - 1, 1, back, 6), -1);
}

static void test_set_jobs(void **state)
{
    (void)state;
    char path[] = "/tmp/td_pool_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    td_engine *e = NULL;
    char err[256];
    assert_int_equal(td_engine_open(path, &e, err, sizeof err), TD_OK);
    assert_int_equal(td_engine_jobs(e), 1); /* the default */
    assert_int_equal(td_engine_set_jobs(e, -1), TD_EINVAL);
    assert_int_equal(td_engine_set_jobs(e, TD_MAX_JOBS + 1), TD_EINVAL);
    assert_int_equal(td_engine_jobs(e), 1);
    assert_int_equal(td_engine_set_jobs(NULL, 2), TD_EINVAL);
    assert_int_equal(td_engine_jobs(NULL), 0);
    assert_int_equal(td_engine_set_jobs(e, 0), TD_OK);
    assert_true(td_engine_jobs(e) >= 1);
    assert_int_equal(td_engine_set_jobs(e, 3), TD_OK);
    assert_int_equal(td_engine_jobs(e), 3);

    /* A JSON Lines file of our own through three workers. */
    char jl[64];
    snprintf(jl, sizeof jl, "%s.jsonl", path);
    FILE *f = fopen(jl, "w");
    assert_non_null(f);
    for (int i = 0; i < 40; i++)
        fprintf(f,
                "{\"id\":\"p%d\",\"text\":\"Der Stadtrat von Bremen hat am "
                "Dienstag den Haushalt %d mit großer Mehrheit beschlossen.\"}\n",
                i, 2000 + i);
    fprintf(f, "{\"id\":\"p0\",\"text\":\"again\"}\nnot json\n");
    fclose(f);
    td_ingest_stats stats = {0, 0, 0};
    assert_int_equal(td_engine_ingest_path(e, jl, &stats, NULL, NULL), TD_OK);
    assert_int_equal(stats.added, 40);
    assert_int_equal(stats.skipped, 1);
    assert_int_equal(stats.failed, 1);
    assert_int_equal(td_engine_article_count(e), 40);
    td_engine_close(e);
    unlink(jl);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline),        cmocka_unit_test(test_one_thread),
        cmocka_unit_test(test_many_threads),  cmocka_unit_test(test_full_and_empty),
        cmocka_unit_test(test_alloc_failure), cmocka_unit_test(test_codec),
        cmocka_unit_test(test_set_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
