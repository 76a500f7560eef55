build-pg/obj/src/cli/cmd_ingest.o: src/cli/cmd_ingest.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
