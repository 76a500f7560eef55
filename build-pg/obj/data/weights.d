build-pg/obj/data/weights.o: data/weights.c src/story/evidence.h
src/story/evidence.h:
