build-pg/obj/src/ingest/jsonl.o: src/ingest/jsonl.c src/core/alloc.h \
 src/ingest/reader.h include/tidings.h src/text/unicode.h src/core/buf.h
src/core/alloc.h:
src/ingest/reader.h:
include/tidings.h:
src/text/unicode.h:
src/core/buf.h:
