build-pg/obj/src/engine/analysis.o: src/engine/analysis.c \
 src/engine/analysis.h src/clean/clean.h include/tidings.h \
 src/entity/extract.h src/entity/dates.h src/text/tokens.h \
 src/core/alloc.h src/core/buf.h src/core/prof.h src/ingest/html.h \
 src/lang/langid.h src/story/features.h src/text/unicode.h
src/engine/analysis.h:
src/clean/clean.h:
include/tidings.h:
src/entity/extract.h:
src/entity/dates.h:
src/text/tokens.h:
src/core/alloc.h:
src/core/buf.h:
src/core/prof.h:
src/ingest/html.h:
src/lang/langid.h:
src/story/features.h:
src/text/unicode.h:
