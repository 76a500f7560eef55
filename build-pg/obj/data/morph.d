build-pg/obj/data/morph.o: data/morph.c src/text/morph.h
src/text/morph.h:
