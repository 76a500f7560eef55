build-pg/obj/src/core/hmap.o: src/core/hmap.c src/core/hmap.h \
 src/core/alloc.h
src/core/hmap.h:
src/core/alloc.h:
