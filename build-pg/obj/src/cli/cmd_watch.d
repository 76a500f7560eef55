build-pg/obj/src/cli/cmd_watch.o: src/cli/cmd_watch.c src/cli/cli.h \
 include/tidings.h src/core/alloc.h src/ingest/fetch.h \
 src/ingest/reader.h
src/cli/cli.h:
include/tidings.h:
src/core/alloc.h:
src/ingest/fetch.h:
src/ingest/reader.h:
