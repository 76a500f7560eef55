build-pg/obj/src/entity/extract.o: src/entity/extract.c \
 src/entity/extract.h src/entity/dates.h include/tidings.h \
 src/core/alloc.h src/core/buf.h src/core/calendar.h \
 src/entity/datewords.h src/entity/facility.h src/entity/names.h \
 src/entity/places.h src/story/pivot.h src/text/morph.h src/text/tokens.h \
 src/text/unicode.h
src/entity/extract.h:
src/entity/dates.h:
include/tidings.h:
src/core/alloc.h:
src/core/buf.h:
src/core/calendar.h:
src/entity/datewords.h:
src/entity/facility.h:
src/entity/names.h:
src/entity/places.h:
src/story/pivot.h:
src/text/morph.h:
src/text/tokens.h:
src/text/unicode.h:
