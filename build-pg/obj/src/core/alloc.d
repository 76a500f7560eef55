build-pg/obj/src/core/alloc.o: src/core/alloc.c src/core/alloc.h \
 include/tidings.h
src/core/alloc.h:
include/tidings.h:
