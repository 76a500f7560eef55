build-pg/obj/src/ingest/fetch.o: src/ingest/fetch.c src/ingest/fetch.h \
 include/tidings.h src/core/alloc.h src/core/buf.h
src/ingest/fetch.h:
include/tidings.h:
src/core/alloc.h:
src/core/buf.h:
