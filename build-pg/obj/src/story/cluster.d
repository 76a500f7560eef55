build-pg/obj/src/story/cluster.o: src/story/cluster.c src/story/cluster.h \
 src/story/features.h include/tidings.h src/core/alloc.h src/core/buf.h \
 src/core/calendar.h src/core/hmap.h src/story/evidence.h
src/story/cluster.h:
src/story/features.h:
include/tidings.h:
src/core/alloc.h:
src/core/buf.h:
src/core/calendar.h:
src/core/hmap.h:
src/story/evidence.h:
