build-pg/obj/src/core/prof.o: src/core/prof.c src/core/prof.h
src/core/prof.h:
