/* assets.h -- the web page's files, built into the binary from web/ by
 * tools/gen_web_assets.c (see mk/serve.mk) so that `tidings serve` needs
 * no folder next to it. */
#ifndef TD_SERVER_ASSETS_H
#define TD_SERVER_ASSETS_H

#include <stddef.h>

typedef struct td__asset {
    const char *path; /* "/index.html" */
    const unsigned char *data;
    size_t len;
} td__asset;

extern const td__asset td__web_assets[];
extern const size_t td__web_asset_count;

#endif
