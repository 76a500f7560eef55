/* buf.c -- growable byte buffer. */
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

int td__buf_reserve(td__buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = td__realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

int td__buf_append(td__buf *b, const void *data, size_t n)
{
    if (td__buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int td__buf_puts(td__buf *b, const char *s)
{
    return td__buf_append(b, s, strlen(s));
}

int td__buf_putc(td__buf *b, char c)
{
    return td__buf_append(b, &c, 1);
}

int td__buf_printf(td__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof tmp)
        return td__buf_append(b, tmp, (size_t)n);
    if (td__buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

const char *td__buf_str(const td__buf *b)
{
    return b->p ? b->p : "";
}

char *td__buf_take(td__buf *b)
{
    char *p = b->p ? b->p : td__strdup("");
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

void td__buf_reset(td__buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void td__buf_free(td__buf *b)
{
    td__free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
