build-pg/obj/src/cli/cmd_export.o: src/cli/cmd_export.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
