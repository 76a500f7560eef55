build-pg/obj/src/ingest/text.o: src/ingest/text.c src/ingest/reader.h \
 include/tidings.h
src/ingest/reader.h:
include/tidings.h:
