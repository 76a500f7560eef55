build-pg/obj/src/engine/stories.o: src/engine/stories.c src/core/alloc.h \
 src/core/prof.h src/engine/analysis.h src/clean/clean.h \
 include/tidings.h src/entity/extract.h src/entity/dates.h \
 src/text/tokens.h src/engine/engine.h src/core/pool.h src/store/store.h \
 src/story/cluster.h src/story/features.h
src/core/alloc.h:
src/core/prof.h:
src/engine/analysis.h:
src/clean/clean.h:
include/tidings.h:
src/entity/extract.h:
src/entity/dates.h:
src/text/tokens.h:
src/engine/engine.h:
src/core/pool.h:
src/store/store.h:
src/story/cluster.h:
src/story/features.h:
