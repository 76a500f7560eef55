build-pg/obj/src/ingest/ingest.o: src/ingest/ingest.c src/core/alloc.h \
 src/core/prof.h src/engine/engine.h src/core/pool.h include/tidings.h \
 src/store/store.h src/story/cluster.h src/story/features.h \
 src/ingest/fetch.h src/ingest/reader.h
src/core/alloc.h:
src/core/prof.h:
src/engine/engine.h:
src/core/pool.h:
include/tidings.h:
src/store/store.h:
src/story/cluster.h:
src/story/features.h:
src/ingest/fetch.h:
src/ingest/reader.h:
