build-pg/obj/src/text/stopwords.o: src/text/stopwords.c \
 src/text/stopwords.h src/text/tokens.h include/tidings.h
src/text/stopwords.h:
src/text/tokens.h:
include/tidings.h:
