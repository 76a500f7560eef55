build-pg/obj/src/text/stem.o: src/text/stem.c src/text/stem.h
src/text/stem.h:
