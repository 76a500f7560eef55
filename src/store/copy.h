/* copy.h -- the tables a whole-store copy moves (tidings copy), shared by
 * both backends so that each reads and writes the same columns. */
#ifndef TD_STORE_COPY_H
#define TD_STORE_COPY_H

#include <stdint.h>

/* One table: its columns (the first is the key rows are taken in order
 * of; a table keyed by article or entity has many rows a key, taken a
 * key at a time), and each column's type: i integer, r real, t text,
 * b blob. */
typedef struct td__copy_table {
    const char *name, *cols, *types, *order;
} td__copy_table;

#define TD__COPY_TABLES 10
extern const td__copy_table td__copy_tables[TD__COPY_TABLES];

/* The analysed terms of an article (its search index's third column),
 * made from its text and language as the engine makes them. Owned;
 * NULL when out of memory. */
char *td__copy_terms(const char *text, const char *lang);

#endif
