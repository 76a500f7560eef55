build-pg/obj/src/engine/workspace.o: src/engine/workspace.c \
 src/clean/headline.h src/core/alloc.h src/engine/engine.h \
 src/core/pool.h include/tidings.h src/store/store.h src/story/cluster.h \
 src/story/features.h src/engine/search.h
src/clean/headline.h:
src/core/alloc.h:
src/engine/engine.h:
src/core/pool.h:
include/tidings.h:
src/store/store.h:
src/story/cluster.h:
src/story/features.h:
src/engine/search.h:
