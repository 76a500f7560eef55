build-pg/obj/src/ingest/detect.o: src/ingest/detect.c src/ingest/reader.h \
 include/tidings.h src/text/unicode.h src/core/buf.h
src/ingest/reader.h:
include/tidings.h:
src/text/unicode.h:
src/core/buf.h:
