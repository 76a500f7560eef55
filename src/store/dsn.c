/* dsn.c -- telling a PostgreSQL connection string from an SQLite path. */
#include "store/dsn.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libpq-fe.h>

int td__dsn_is_postgres(const char *arg)
{
    if (!arg)
        return 0;
    if (strncmp(arg, "postgresql://", 13) == 0 ||
        strncmp(arg, "postgres://", 11) == 0)
        return 1;
    /* key=value: the first key must be one of libpq's own keywords, so a
     * file called "a=b.db" stays a file. */
    const char *p = arg;
    while (isspace((unsigned char)*p))
        p++;
    const char *k = p;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    size_t kn = (size_t)(p - k);
    while (isspace((unsigned char)*p))
        p++;
    if (kn == 0 || *p != '=')
        return 0;
    PQconninfoOption *opts = PQconndefaults();
    int known = 0;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strlen(o->keyword) == kn && memcmp(o->keyword, k, kn) == 0)
            known = 1;
    PQconninfoFree(opts);
    return known;
}

void td__dsn_redact(const char *arg, char *out, size_t n)
{
    if (!n)
        return;
    snprintf(out, n, "%s", arg);
    /* URI: scheme://user:secret@host */
    char *sch = strstr(out, "://");
    if (sch) {
        char *at = strchr(sch + 3, '@');
        char *colon = strchr(sch + 3, ':');
        if (at && colon && colon < at && (size_t)(at - out) < n) {
            char rest[1024];
            snprintf(rest, sizeof rest, "%s", at);
            snprintf(colon, n - (size_t)(colon - out), ":***%s", rest);
        }
    }
    /* password=secret, in key=value strings or URI parameters */
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = pw + 9;
        while (*end && !isspace((unsigned char)*end) && *end != '&')
            end++;
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", end);
        snprintf(pw + 9, n - (size_t)(pw + 9 - out), "***%s", rest);
    }
}
