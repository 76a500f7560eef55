build-pg/obj/src/story/features.o: src/story/features.c \
 src/story/features.h include/tidings.h src/core/alloc.h src/core/prof.h \
 src/core/hmap.h src/engine/analysis.h src/clean/clean.h \
 src/entity/extract.h src/entity/dates.h src/text/tokens.h \
 src/story/pivot.h
src/story/features.h:
include/tidings.h:
src/core/alloc.h:
src/core/prof.h:
src/core/hmap.h:
src/engine/analysis.h:
src/clean/clean.h:
src/entity/extract.h:
src/entity/dates.h:
src/text/tokens.h:
src/story/pivot.h:
