build-pg/obj/src/story/pivot.o: src/story/pivot.c src/story/pivot.h \
 src/text/stopwords.h
src/story/pivot.h:
src/text/stopwords.h:
