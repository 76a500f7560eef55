build-pg/obj/src/engine/entities.o: src/engine/entities.c \
 src/core/alloc.h src/core/buf.h src/core/hmap.h src/engine/analysis.h \
 src/clean/clean.h include/tidings.h src/entity/extract.h \
 src/entity/dates.h src/text/tokens.h src/engine/engine.h src/core/pool.h \
 src/store/store.h src/story/cluster.h src/story/features.h \
 src/entity/names.h src/entity/facility.h src/entity/places.h \
 src/story/pivot.h src/text/morph.h src/text/unicode.h
src/core/alloc.h:
src/core/buf.h:
src/core/hmap.h:
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
src/entity/names.h:
src/entity/facility.h:
src/entity/places.h:
src/story/pivot.h:
src/text/morph.h:
src/text/unicode.h:
