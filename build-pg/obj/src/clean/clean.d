build-pg/obj/src/clean/clean.o: src/clean/clean.c src/clean/clean.h \
 include/tidings.h src/core/alloc.h src/core/buf.h src/text/unicode.h
src/clean/clean.h:
include/tidings.h:
src/core/alloc.h:
src/core/buf.h:
src/text/unicode.h:
