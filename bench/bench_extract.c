/* bench_extract.c -- how well the HTML extractor finds an article's body.
 *
 * For every NAME.html in the page folder (bench/extract/ by default: pages
 * we wrote ourselves in the layouts of real news sites, with navigation,
 * comments, related lists and cookie banners), NAME.txt holds the known
 * body. Score: token F1 between extracted and known text (multiset overlap;
 * CJK characters are one token each). The baseline, run side by side, is
 * all the text of the page body, as a naive tag stripper would give.
 *
 *   bench_extract [DIR]      prints one line a page and the mean F1
 *   bench_extract --dump     reads page paths on stdin, prints one JSON line
 *                            a page ({"file","text","date","seconds"}) for
 *                            bench/extract_dev.py to score on real pages;
 *                            seconds is the extraction alone, file reading
 *                            excluded */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <time.h>

#include "clean/clean.h"
#include "core/alloc.h"
#include "ingest/html.h"
#include "text/unicode.h"

typedef struct toks {
    char **v;
    size_t n, cap;
} toks;

static void push(toks *t, const char *s, size_t n)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
    }
    char *p = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        p[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    p[n] = '\0';
    t->v[t->n++] = p;
}

static int is_cjk(uint32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF);
}

static int is_word(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || (c > 0x7F && c != 0xA0 &&
                                       !(c >= 0x2000 && c <= 0x206F) &&
                                       !(c >= 0x3000 && c <= 0x303F) &&
                                       !(c >= 0xFF00 && c <= 0xFF0F));
}

static void tokenize(const char *s, toks *t)
{
    size_t n = strlen(s), i = 0, start = 0;
    int in = 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = td__utf8_next(s, n, &i);
        if (is_cjk(c)) {
            if (in)
                push(t, s + start, at - start), in = 0;
            push(t, s + at, i - at);
        } else if (is_word(c)) {
            if (!in)
                start = at, in = 1;
        } else if (in) {
            push(t, s + start, at - start), in = 0;
        }
    }
    if (in)
        push(t, s + start, n - start);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void toks_free(toks *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
}

static double f1(const char *got, const char *want)
{
    toks a = {0}, b = {0};
    tokenize(got ? got : "", &a);
    tokenize(want, &b);
    qsort(a.v, a.n, sizeof *a.v, cmp);
    qsort(b.v, b.n, sizeof *b.v, cmp);
    size_t i = 0, j = 0, common = 0;
    while (i < a.n && j < b.n) {
        int c = strcmp(a.v[i], b.v[j]);
        if (c == 0)
            common++, i++, j++;
        else if (c < 0)
            i++;
        else
            j++;
    }
    double p = a.n ? (double)common / (double)a.n : 0;
    double r = b.n ? (double)common / (double)b.n : 0;
    toks_free(&a);
    toks_free(&b);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n)
        n = 0;
    p[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* All body text: what stripping the tags would give. */
static char *baseline(const char *html, size_t len)
{
    htmlDocPtr d = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                      HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!d)
        return NULL;
    xmlNode *root = xmlDocGetRootElement(d), *body = root;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((char *)c->name, "body") == 0)
            body = c;
    xmlChar *t = body ? xmlNodeGetContent(body) : NULL;
    char *s = t ? strdup((char *)t) : NULL;
    xmlFree(t);
    xmlFreeDoc(d);
    return s;
}

static int has_pages(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        found = n > 5 && strcmp(e->d_name + n - 5, ".html") == 0;
    }
    closedir(d);
    return found;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int dump(void)
{
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        size_t len = 0;
        char *html = slurp(line, &len);
        json_t *o = json_object();
        json_object_set_new(o, "file", json_string(line));
        json_object_set_new(o, "bytes", json_integer((json_int_t)len));
        if (html) {
            td__html_doc doc;
            double t0 = now();
            td_status st = td__html_extract(html, len, &doc);
            json_object_set_new(o, "seconds", json_real(now() - t0));
            if (st == TD_OK) {
                json_object_set_new(o, "text", json_string(doc.text));
                /* what an article keeps after the cleaning step too, as
                 * `tidings analyze` shows it (not timed) */
                td__cleaned c;
                if (td__clean(doc.text, strlen(doc.text), doc.title, &c) ==
                    TD_OK) {
                    json_object_set_new(o, "clean", json_string(c.text));
                    td__cleaned_free(&c);
                }
                if (doc.date)
                    json_object_set_new(o, "date", json_string(doc.date));
                td__html_doc_free(&doc);
            }
        }
        free(html);
        char *s = json_dumps(o, JSON_COMPACT);
        if (s)
            puts(s);
        free(s);
        json_decref(o);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--dump") == 0)
        return dump();
    /* bench/run.sh passes the shared folder; the pages are ours. */
    const char *dir = argc > 1 && has_pages(argv[1]) ? argv[1] : "bench/extract";
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench_extract: %s: cannot open\n", dir);
        return 2;
    }
    char *names[512];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nn < 512) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".html") == 0)
            names[nn++] = strndup(e->d_name, n - 5);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp);
    double sum = 0, bsum = 0;
    size_t scored = 0;
    printf("%-14s %8s %8s\n", "page", "F1", "baseline");
    for (size_t i = 0; i < nn; i++) {
        char path[4096];
        size_t hl = 0, gl = 0;
        snprintf(path, sizeof path, "%s/%s.html", dir, names[i]);
        char *html = slurp(path, &hl);
        snprintf(path, sizeof path, "%s/%s.txt", dir, names[i]);
        char *gold = slurp(path, &gl);
        if (html && gold) {
            td__html_doc doc;
            td_status st = td__html_extract(html, hl, &doc);
            double s = f1(st == TD_OK ? doc.text : "", gold);
            char *b = baseline(html, hl);
            double bs = f1(b, gold);
            free(b);
            printf("%-14s %8.3f %8.3f\n", names[i], s, bs);
            sum += s, bsum += bs, scored++;
            if (st == TD_OK)
                td__html_doc_free(&doc);
        }
        free(html);
        free(gold);
        free(names[i]);
    }
    if (!scored) {
        fprintf(stderr, "bench_extract: no NAME.html/NAME.txt pairs in %s\n", dir);
        return 2;
    }
    printf("mean token F1 over %zu pages: %.3f (baseline, all body text: %.3f)\n",
           scored, sum / (double)scored, bsum / (double)scored);
    return 0;
}
