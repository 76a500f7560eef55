build-pg/obj/data/translation.o: data/translation.c src/story/evidence.h
src/story/evidence.h:
