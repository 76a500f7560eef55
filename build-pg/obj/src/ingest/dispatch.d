build-pg/obj/src/ingest/dispatch.o: src/ingest/dispatch.c \
 src/ingest/html.h include/tidings.h src/ingest/reader.h
src/ingest/html.h:
include/tidings.h:
src/ingest/reader.h:
