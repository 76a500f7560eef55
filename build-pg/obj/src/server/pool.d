build-pg/obj/src/server/pool.o: src/server/pool.c src/server/pool.h \
 include/tidings.h
src/server/pool.h:
include/tidings.h:
