build-pg/obj/src/server/feeds.o: src/server/feeds.c src/server/feeds.h \
 src/server/api.h src/server/pool.h include/tidings.h
src/server/feeds.h:
src/server/api.h:
src/server/pool.h:
include/tidings.h:
