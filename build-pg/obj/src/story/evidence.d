build-pg/obj/src/story/evidence.o: src/story/evidence.c \
 src/story/evidence.h
src/story/evidence.h:
