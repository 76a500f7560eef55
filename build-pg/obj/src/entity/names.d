build-pg/obj/src/entity/names.o: src/entity/names.c src/entity/names.h \
 src/core/buf.h include/tidings.h src/core/alloc.h src/core/hmap.h \
 src/text/unicode.h
src/entity/names.h:
src/core/buf.h:
include/tidings.h:
src/core/alloc.h:
src/core/hmap.h:
src/text/unicode.h:
