build-pg/obj/src/store/store.o: src/store/store.c src/core/alloc.h \
 src/store/backends.h src/store/store.h include/tidings.h src/store/dsn.h
src/core/alloc.h:
src/store/backends.h:
src/store/store.h:
include/tidings.h:
src/store/dsn.h:
