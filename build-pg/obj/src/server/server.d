build-pg/obj/src/server/server.o: src/server/server.c src/server/server.h \
 src/core/alloc.h src/server/api.h src/server/pool.h include/tidings.h \
 src/server/feeds.h src/server/assets.h src/server/http_util.h
src/server/server.h:
src/core/alloc.h:
src/server/api.h:
src/server/pool.h:
include/tidings.h:
src/server/feeds.h:
src/server/assets.h:
src/server/http_util.h:
