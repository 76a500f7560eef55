build-pg/obj/src/clean/lines.o: src/clean/lines.c src/clean/clean.h \
 include/tidings.h src/core/buf.h src/text/unicode.h
src/clean/clean.h:
include/tidings.h:
src/core/buf.h:
src/text/unicode.h:
