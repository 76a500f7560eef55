/* copy.c -- the table list of a whole-store copy. */
#include "store/copy.h"

#include <string.h>

#include "core/buf.h"
#include "text/tokens.h"

const td__copy_table td__copy_tables[TD__COPY_TABLES] = {
    {"articles",
     "seq, id, url, title, date, lang, lang_conf, source, name, text, "
     "raw_len, story, duplicate_of, translation_of, ingested_at, author, "
     "canonical_url",
     "itttttrtttiittttt", "seq"},
    {"entities", "id, kind, key, prefix, name, mentions", "iitttt", "id"},
    {"entity_variants", "entity, surface, lang, ascii, words, count",
     "ittiii", "entity, surface, lang"},
    {"mentions", "article, entity, off, len", "iiii", "article, off, len, entity"},
    {"article_dates", "article, date, off, len, relative", "itiii",
     "article, off, len, date"},
    {"article_numbers", "article, value, unit, off, len", "ittii",
     "article, off, len, value"},
    {"assignments", "article, story, score, why", "iirt", "article"},
    {"article_features", "article, root, ntokens, features, minhash",
     "iiibb", "article"},
    {"pending_names", "article, key, surface, lang, off, len, words",
     "itttiii", "article, off, len, key"},
    {"follows", "id, query, created, seen_seq", "itti", "id"},
};

char *td__copy_terms(const char *text, const char *lang)
{
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(text, strlen(text), lang, &t) != TD_OK)
        return NULL;
    td__buf b = TD__BUF_INIT;
    for (size_t i = 0; i < t.n; i++) {
        const td__token *k = &t.v[i];
        if (k->flags & TD_TOKEN_STOP)
            continue;
        if ((b.len && td__buf_putc(&b, ' ') != 0) ||
            td__buf_puts(&b, k->stem ? k->stem : k->norm) != 0) {
            td__buf_free(&b);
            td__tokens_free(&t);
            return NULL;
        }
    }
    td__tokens_free(&t);
    return td__buf_take(&b);
}

/* ------------------------------------------------------------ the copy */

#include <stdio.h>

#include "store/store.h"

/* Keys a batch moves: one transaction of the destination each. */
#define COPY_KEYS 500

typedef struct copier {
    td__store *dst;
    int table;
    int64_t rows;
    td_status st;
} copier;

static int load_row(void *ud, const char *const *v, const size_t *len)
{
    copier *c = ud;
    c->st = td__store_load(c->dst, c->table, v, len);
    if (c->st != TD_OK)
        return (int)c->st;
    c->rows++;
    return 0;
}

TD_API td_status td_store_copy(const char *from, const char *to,
                               td_copy_progress progress, void *ud,
                               char *errbuf, size_t errlen)
{
    if (!from || !to) {
        if (errlen)
            snprintf(errbuf, errlen, "copy: give --from and --to");
        return TD_EINVAL;
    }
    if (strcmp(from, to) == 0) {
        if (errlen)
            snprintf(errbuf, errlen, "copy: %s: the source and the "
                                     "destination are one store",
                     from);
        return TD_EINVAL;
    }
    td__store *src = NULL, *dst = NULL;
    td_status st = td__store_open(from, &src, errbuf, errlen);
    if (st != TD_OK)
        return st;
    st = td__store_open(to, &dst, errbuf, errlen);
    if (st != TD_OK) {
        td__store_close(src);
        return st;
    }
    /* A destination that holds articles must be this copy's, begun. */
    int64_t done = 0;
    int found = 0;
    st = td__store_copy_get(dst, from, 0, &done, &found);
    if (st == TD_OK && !found && td__store_count(dst) != 0) {
        if (errlen)
            snprintf(errbuf, errlen,
                     "copy: %s already holds a store (copy into a new one)",
                     to);
        st = TD_EINVAL;
        goto out;
    }
    for (int t = 0; st == TD_OK && t < TD__COPY_TABLES; t++) {
        copier c = {dst, t, 0, TD_OK};
        if ((st = td__store_copy_get(dst, from, t, &done, &found)) != TD_OK)
            break;
        for (;;) {
            int64_t last = done;
            st = td__store_begin(dst);
            if (st == TD_OK)
                st = td__store_dump(src, t, done, COPY_KEYS, load_row, &c,
                                    &last);
            if (st == TD_OK && last == done) {
                td__store_rollback(dst);
                break; /* the table is done */
            }
            if (st == TD_OK)
                st = td__store_copy_set(dst, from, t, last);
            if (st == TD_OK)
                st = td__store_commit(dst);
            if (st != TD_OK)
                break;
            done = last;
            if (progress)
                progress(ud, td__copy_tables[t].name, c.rows);
        }
        if (st != TD_OK && errlen) {
            const char *m = c.st != TD_OK ? td__store_errmsg(dst)
                                          : td__store_errmsg(src);
            snprintf(errbuf, errlen, "copy: %s: %s", td__copy_tables[t].name,
                     *m ? m : td__store_errmsg(dst));
        }
    }
out:
    td__store_rollback(dst);
    td__store_close(dst);
    td__store_close(src);
    return st;
}
