build-pg/obj/data/stopwords.o: data/stopwords.c src/text/stopwords.h
src/text/stopwords.h:
