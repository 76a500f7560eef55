build-pg/obj/src/text/morph.o: src/text/morph.c src/text/morph.h
src/text/morph.h:
