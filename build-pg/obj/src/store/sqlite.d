build-pg/obj/src/store/sqlite.o: src/store/sqlite.c src/core/alloc.h \
 src/core/buf.h src/store/copy.h src/store/names_sqlite.h \
 src/store/store.h include/tidings.h src/story/features.h
src/core/alloc.h:
src/core/buf.h:
src/store/copy.h:
src/store/names_sqlite.h:
src/store/store.h:
include/tidings.h:
src/story/features.h:
