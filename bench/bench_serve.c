/* bench_serve.c -- load test of tidings serve on loopback.
 *
 *   bench_serve SHARED [TIDINGS]
 *
 * Builds a store from SHARED/seeds and the dev set repeated (BENCH_COPIES,
 * default 20, each copy with its own ids so that every article is stored),
 * starts `TIDINGS serve --port 0` on it (TIDINGS defaults to ../tidings next
 * to this program), then for each endpoint runs BENCH_CLIENTS (default 32)
 * clients, each a thread with one keep-alive libcurl handle, for
 * BENCH_SECONDS (default 5) and prints requests/s and latency percentiles.
 * The baseline in the same run is a static file served from memory: the
 * HTTP layer's own ceiling, against which the API's cost shows. */
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct client {
    const char *url;
    double until;
    double *lat; /* seconds per request */
    size_t n, cap;
    long errors;
} client;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

static void *client_main(void *ud)
{
    client *c = ud;
    CURL *h = curl_easy_init();
    if (!h)
        return NULL;
    curl_easy_setopt(h, CURLOPT_URL, c->url);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    while (now() < c->until) {
        double t0 = now();
        CURLcode rc = curl_easy_perform(h);
        long code = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        double dt = now() - t0;
        if (rc != CURLE_OK || code != 200) {
            c->errors++;
            continue;
        }
        if (c->n == c->cap) {
            size_t cap = c->cap ? c->cap * 2 : 1024;
            double *v = realloc(c->lat, cap * sizeof *v);
            if (!v)
                break;
            c->lat = v;
            c->cap = cap;
        }
        c->lat[c->n++] = dt;
    }
    curl_easy_cleanup(h);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void load(const char *base, const char *path, int nclients,
                 double seconds)
{
    char url[512];
    snprintf(url, sizeof url, "%s%s", base, path);
    client *cs = calloc((size_t)nclients, sizeof *cs);
    pthread_t *th = calloc((size_t)nclients, sizeof *th);
    if (!cs || !th) {
        free(cs);
        free(th);
        return;
    }
    double t0 = now();
    for (int i = 0; i < nclients; i++) {
        cs[i].url = url;
        cs[i].until = t0 + seconds;
        pthread_create(&th[i], NULL, client_main, &cs[i]);
    }
    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < nclients; i++) {
        pthread_join(th[i], NULL);
        total += cs[i].n;
        errors += cs[i].errors;
    }
    double wall = now() - t0;
    double *all = malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < nclients; i++) {
        if (all)
            memcpy(all + k, cs[i].lat, cs[i].n * sizeof *all);
        k += cs[i].n;
        free(cs[i].lat);
    }
    if (all && total) {
        qsort(all, total, sizeof *all, cmp_double);
        printf("%-34s %3d clients %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  "
               "max %7.2f ms  errors %ld\n",
               path, nclients, (double)total / wall,
               all[total / 2] * 1e3, all[(size_t)((double)total * 0.99)] * 1e3,
               all[total - 1] * 1e3, errors);
    } else {
        printf("%-34s %3d clients: no successful request (errors %ld)\n",
               path, nclients, errors);
    }
    fflush(stdout);
    free(all);
    free(cs);
    free(th);
}

/* The dev set, copies times, each copy's ids suffixed so all are new. */
static int write_copies(const char *dev, const char *out, int copies)
{
    FILE *in = fopen(dev, "r"), *o = fopen(out, "w");
    if (!in || !o) {
        if (in)
            fclose(in);
        if (o)
            fclose(o);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long i = 0;
    while ((n = getline(&line, &cap, in)) > 0) {
        json_error_t err;
        json_t *a = json_loadb(line, (size_t)n, 0, &err);
        if (!a)
            continue;
        /* keep the original text: copies each add their own last line */
        const char *orig = json_string_value(json_object_get(a, "text"));
        char *keep = orig ? strdup(orig) : NULL;
        char id0[200] = "";
        const char *idv = json_string_value(json_object_get(a, "id"));
        snprintf(id0, sizeof id0, "%s", idv ? idv : "");
        const char *id = idv ? id0 : NULL; /* set_new below frees idv */
        char buf[256];
        for (int k = 0; k < copies; k++) {
            snprintf(buf, sizeof buf, "%s-c%d", id ? id : "line", k);
            if (!id)
                snprintf(buf, sizeof buf, "line%ld-c%d", i, k);
            json_object_set_new(a, "id", json_string(buf));
            /* a different last line, so that the engine stores each copy
             * (as a near-duplicate of the first) instead of skipping it */
            json_object_del(a, "url"); /* the store knows an article by it */
            const char *text = keep;
            if (text && k > 0) {
                size_t tl = strlen(text) + 64;
                char *t2 = malloc(tl);
                if (t2) {
                    snprintf(t2, tl, "%s\nBench copy %d.", text, k);
                    json_object_set_new(a, "text", json_string(t2));
                    free(t2);
                }
            }
            char *s = json_dumps(a, JSON_COMPACT);
            if (s) {
                fprintf(o, "%s\n", s);
                free(s);
            }
        }
        free(keep);
        json_decref(a);
        i++;
    }
    free(line);
    fclose(in);
    return fclose(o) == 0 ? 0 : -1;
}

static int env_int(const char *name, int def, int lo, int hi)
{
    const char *s = getenv(name);
    int v = s && *s ? atoi(s) : def;
    return v < lo ? lo : v > hi ? hi : v;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_serve SHARED [TIDINGS]\n");
        return 2;
    }
    const char *shared = argv[1];
    char tidings[4096];
    if (argc > 2) {
        snprintf(tidings, sizeof tidings, "%s", argv[2]);
    } else {
        char self[4096];
        snprintf(self, sizeof self, "%s", argv[0]);
        snprintf(tidings, sizeof tidings, "%s/../tidings", dirname(self));
    }
    int clients = env_int("BENCH_CLIENTS", 32, 1, 60);
    int seconds = env_int("BENCH_SECONDS", 5, 1, 120);
    int copies = env_int("BENCH_COPIES", 20, 1, 1000);

    char dir[] = "/tmp/tidings-bench-serve-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench_serve: mkdtemp");
        return 1;
    }
    char dev[4096], data[4200], db[4200], cmd[16384];
    snprintf(dev, sizeof dev, "%s/data/dev/articles.jsonl", shared);
    snprintf(data, sizeof data, "%s/dev-copies.jsonl", dir);
    snprintf(db, sizeof db, "%s/bench.db", dir);
    if (write_copies(dev, data, copies) != 0) {
        fprintf(stderr, "bench_serve: %s: cannot read the dev set\n", dev);
        return 1;
    }
    snprintf(cmd, sizeof cmd, "'%s' ingest --quiet --db '%s' '%s'/seeds/*.txt '%s'",
             tidings, db, shared, data);
    double t0 = now();
    int rc = system(cmd);
    if (rc != 0)
        fprintf(stderr, "bench_serve: ingest exited with %d; going on\n",
                WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
    printf("store: dev set x%d ingested in %.1f s\n", copies, now() - t0);

    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(tidings, tidings, "serve", "--db", db, "--port", "0",
              (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *out = fdopen(fds[0], "r");
    char line[1024] = "", base[512] = "";
    if (!out || !fgets(line, sizeof line, out) ||
        sscanf(line, "tidings: serving %511s", base) != 1) {
        fprintf(stderr, "bench_serve: %s serve did not start\n", tidings);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return 1;
    }
    size_t bl = strlen(base);
    if (bl && base[bl - 1] == '/')
        base[bl - 1] = 0;
    printf("server: %s, %d s per endpoint\n", base, seconds);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    load(base, "/style.css", clients, seconds); /* baseline */
    load(base, "/api/health", clients, seconds);
    load(base, "/api/stories", clients, seconds);
    load(base, "/api/stories?sort=size&limit=20", clients, seconds);
    load(base, "/api/stories", 1, seconds);
    curl_global_cleanup();

    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    fclose(out);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_serve: could not remove %s\n", dir);
    return 0;
}
