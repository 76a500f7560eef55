/* fuzz_query.c -- libFuzzer target: the search query parser (words,
 * quoted phrases, lang: since: until: filters) and a real search with it
 * over a small store, so the FTS5 expression it builds is checked by
 * SQLite itself: a query must never be a syntax error. */
#include <stdint.h>

#include "engine/engine.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static td_engine *eng;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char dir[512], db[600];
    fuzz_tmpdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/q.db", dir);
    eng = fuzz_engine(db);
    static const char *const texts[] = {
        "The harbour workers of Gdansk went on strike on Monday over pay, "
        "and the port authority said talks would resume on 7 March 2022.",
        "Die Hafenarbeiter in Danzig streikten am Montag wegen der Löhne; "
        "die Gespräche sollen am 7. März 2022 weitergehen.",
        "Портовые рабочие Гданьска объявили забастовку в понедельник."};
    for (size_t i = 0; i < 3; i++) {
        td_input in = {0};
        in.text = texts[i];
        in.text_len = strlen(texts[i]);
        int added;
        td_engine_ingest(eng, &in, &added);
    }
    td_engine_commit(eng);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *q = fuzz_cstr(data, size);
    if (!q)
        return 0;
    td__search s;
    char *owned = NULL;
    if (td__parse_query(eng, q, &s, &owned) == TD_OK)
        td__free(owned);
    td_cursor *c = NULL;
    td_status st = td_engine_search(eng, q, 5, &c);
    if (st == TD_OK) {
        const td_article *a;
        while (td_cursor_next(c, &a) == TD_OK)
            ;
        td_cursor_free(c);
    } else if (st == TD_EDB) {
        /* The parser quotes every word: SQLite refusing the expression
         * it built is a bug. */
        fprintf(stderr, "query %s: %s\n", q, td_engine_errmsg(eng));
        __builtin_trap();
    }
    td__free(q);
    return 0;
}
