/* buf.h -- a growable byte buffer, always NUL-terminated when non-empty. */
#ifndef TD_CORE_BUF_H
#define TD_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct td__buf {
    char *p;    /* owned; NULL until the first append */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap;
} td__buf;

#define TD__BUF_INIT {NULL, 0, 0}

/* Each returns 0, or -1 when memory ran out (the buffer keeps what it had). */
int td__buf_reserve(td__buf *b, size_t extra);
int td__buf_append(td__buf *b, const void *data, size_t n);
int td__buf_puts(td__buf *b, const char *s);
int td__buf_putc(td__buf *b, char c);
int td__buf_printf(td__buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The contents as a string ("" when empty). Borrowed from b. */
const char *td__buf_str(const td__buf *b);
/* Hands the contents to the caller (owned, free with td__free; never NULL
 * unless memory ran out) and resets b. */
char *td__buf_take(td__buf *b);
void td__buf_reset(td__buf *b); /* len = 0, keeps memory */
void td__buf_free(td__buf *b);  /* releases memory */

#endif
