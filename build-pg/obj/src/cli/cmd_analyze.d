build-pg/obj/src/cli/cmd_analyze.o: src/cli/cmd_analyze.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
