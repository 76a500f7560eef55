/* dsn.h -- which backend a database argument names. */
#ifndef TD_STORE_DSN_H
#define TD_STORE_DSN_H

#include <stddef.h>

/* 1 when arg is a libpq connection string: a URI (postgresql://...,
 * postgres://...) or key=value pairs whose first key is one libpq knows
 * (host=..., dbname=..., service=...); 0 for anything else (a file path,
 * even one with '=' in it). */
int td__dsn_is_postgres(const char *arg);

/* arg with any password replaced by "***", for messages (out holds n). */
void td__dsn_redact(const char *arg, char *out, size_t n);

#endif
