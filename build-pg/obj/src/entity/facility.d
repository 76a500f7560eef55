build-pg/obj/src/entity/facility.o: src/entity/facility.c \
 src/entity/facility.h src/core/buf.h src/entity/names.h \
 include/tidings.h src/story/pivot.h src/text/tokens.h src/text/unicode.h
src/entity/facility.h:
src/core/buf.h:
src/entity/names.h:
include/tidings.h:
src/story/pivot.h:
src/text/tokens.h:
src/text/unicode.h:
