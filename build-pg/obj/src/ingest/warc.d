build-pg/obj/src/ingest/warc.o: src/ingest/warc.c src/core/alloc.h \
 src/core/buf.h src/ingest/reader.h include/tidings.h
src/core/alloc.h:
src/core/buf.h:
src/ingest/reader.h:
include/tidings.h:
