build-pg/obj/src/server/api.o: src/server/api.c src/server/api.h \
 src/server/pool.h include/tidings.h src/server/http_util.h
src/server/api.h:
src/server/pool.h:
include/tidings.h:
src/server/http_util.h:
