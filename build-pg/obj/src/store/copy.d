build-pg/obj/src/store/copy.o: src/store/copy.c src/store/copy.h \
 src/core/buf.h src/text/tokens.h include/tidings.h src/store/store.h
src/store/copy.h:
src/core/buf.h:
src/text/tokens.h:
include/tidings.h:
src/store/store.h:
