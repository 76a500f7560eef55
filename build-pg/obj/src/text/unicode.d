build-pg/obj/src/text/unicode.o: src/text/unicode.c src/text/unicode.h \
 src/core/buf.h src/core/alloc.h
src/text/unicode.h:
src/core/buf.h:
src/core/alloc.h:
