build-pg/obj/src/core/pool.o: src/core/pool.c src/core/pool.h \
 include/tidings.h src/core/alloc.h
src/core/pool.h:
include/tidings.h:
src/core/alloc.h:
