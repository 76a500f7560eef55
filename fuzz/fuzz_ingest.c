/* fuzz_ingest.c -- libFuzzer target: any bytes as a file given to
 * `tidings ingest`: detection, every reader, the pipeline and a real
 * SQLite store (re-created every 2,000 inputs so it stays small). */
#include <stdint.h>

#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[512], db[600], input[600];
static td_engine *eng;
static long runs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_tmpdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/ingest.db", dir);
    snprintf(input, sizeof input, "%s/input.jsonl", dir);
    eng = fuzz_engine(db);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (++runs % 2000 == 0) {
        td_engine_close(eng);
        unlink(db);
        eng = fuzz_engine(db);
    }
    FILE *f = fopen(input, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    td_ingest_opts o = {.max_record = 1 << 16};
    td_ingest_stats st = {0, 0, 0};
    td_status rc = td_engine_ingest_path_opts(eng, input, &o, &st, NULL, NULL);
    if (rc == TD_EDB) {
        fprintf(stderr, "store failed: %s\n", td_engine_errmsg(eng));
        __builtin_trap(); /* no input may break the store */
    }
    return 0;
}
