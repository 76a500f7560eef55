build-pg/obj/src/text/tokens.o: src/text/tokens.c src/text/tokens.h \
 include/tidings.h src/core/alloc.h src/text/stem.h src/text/stopwords.h
src/text/tokens.h:
include/tidings.h:
src/core/alloc.h:
src/text/stem.h:
src/text/stopwords.h:
