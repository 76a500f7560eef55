/* fuzz_api.c -- libFuzzer target: the HTTP API's parameter parsing and
 * routing (td__api_handle) over a real small store, and the server's own
 * pieces (UTF-8 checks, Accept-Encoding, the access-log line).
 *
 * Input: a path line, then "name=value" lines (at most 32), as MHD hands
 * them over after decoding. Like the server, what is not UTF-8 is not
 * passed on (the server answers 400 itself). Every reply must be JSON. */
#include <jansson.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "server/api.h"
#include "server/http_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static td__pool pool;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char dir[512], db[600], err[512];
    fuzz_tmpdir(dir, sizeof dir);
    snprintf(db, sizeof db, "%s/api.db", dir);
    td_engine *e = fuzz_engine(db);
    static const char *const lines[] = {
        "President Kassym-Jomart Tokayev met Nursultan Nazarbayev in Almaty "
        "on 7 January 2022 to discuss the protests.",
        "Il presidente Tokayev ha incontrato Nazarbayev ad Almaty il 7 "
        "gennaio 2022 per discutere delle proteste."};
    for (size_t i = 0; i < 2; i++) {
        td_input in = {0};
        in.text = lines[i];
        in.text_len = strlen(lines[i]);
        in.date = "2022-01-07";
        int added;
        td_engine_ingest(e, &in, &added);
    }
    td_engine_commit(e);
    td_engine_close(e);
    if (td__pool_init(&pool, db, 3600, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz: %s\n", err);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    if (!s)
        return 0;
    /* The server's helpers see the raw bytes. */
    td__http_utf8_ok(s, size);
    td__http_accepts_gzip(s);
    char line[512];
    td__http_clf(line, sizeof line, "127.0.0.1", 1.6e9, "GET", s, "HTTP/1.1",
                 200, size);
    /* The head scan, fed the bytes in two reads as a connection might. */
    td__head_scan sc = {0};
    size_t cut = size ? data[0] % (size + 1) : 0;
    int one_word = td__head_scan_feed(&sc, data, cut, 0);
    if (!one_word)
        (void)td__head_scan_feed(&sc, data + cut, size - cut, sc.heads);
    if (size >= 16) {
        char *z;
        size_t zn;
        if (td__http_gzip(s, size, &z, &zn) == 0)
            td__free(z);
    }
    /* Split into path and arguments. */
    char *lines[34];
    size_t n = 0;
    for (char *p = s; n < 34;) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    char path[4200];
    snprintf(path, sizeof path, "/api/%.4000s", lines[0]);
    if (!td__http_utf8_ok(path, strlen(path))) {
        td__free(s);
        return 0;
    }
    td__arg args[32];
    size_t na = 0;
    for (size_t i = 1; i < n && na < 32; i++) {
        char *eq = strchr(lines[i], '=');
        if (eq)
            *eq = 0;
        if (!td__http_utf8_ok(lines[i], strlen(lines[i])) ||
            (eq && !td__http_utf8_ok(eq + 1, strlen(eq + 1))))
            goto done;
        args[na].name = lines[i];
        args[na++].value = eq ? eq + 1 : NULL;
    }
    td__reply rep;
    td__api_handle(&pool, path, args, na, &rep);
    if (rep.body) {
        json_error_t err;
        json_t *j = json_loadb(rep.body, rep.len, 0, &err);
        if (!j) {
            fprintf(stderr, "not JSON for %s: %.200s\n", path, rep.body);
            __builtin_trap();
        }
        json_decref(j);
        free(rep.body);
    }
done:
    td__free(s);
    return 0;
}
