build-pg/obj/src/engine/search.o: src/engine/search.c src/core/alloc.h \
 src/core/buf.h src/engine/engine.h src/core/pool.h include/tidings.h \
 src/store/store.h src/story/cluster.h src/story/features.h \
 src/engine/search.h src/text/tokens.h src/text/unicode.h
src/core/alloc.h:
src/core/buf.h:
src/engine/engine.h:
src/core/pool.h:
include/tidings.h:
src/store/store.h:
src/story/cluster.h:
src/story/features.h:
src/engine/search.h:
src/text/tokens.h:
src/text/unicode.h:
