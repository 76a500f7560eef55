/* status.c -- status strings and version. */
#include "tidings.h"

TD_API const char *td_strerror(td_status st)
{
    switch (st) {
    case TD_OK: return "ok";
    case TD_ERROR: return "error";
    case TD_ENOMEM: return "out of memory";
    case TD_EINVAL: return "invalid argument";
    case TD_EIO: return "input/output error";
    case TD_EUTF8: return "invalid UTF-8";
    case TD_EBINARY: return "binary data, not text";
    case TD_EEMPTY: return "empty article";
    case TD_EPARSE: return "malformed input";
    case TD_ETRUNCATED: return "truncated input";
    case TD_ENOTDB: return "not a tidings database";
    case TD_EDB: return "database error";
    case TD_ENOTFOUND: return "not found";
    case TD_DONE: return "no more rows";
    }
    return "unknown status";
}

TD_API const char *td_version(void)
{
    return TD_VERSION;
}
