build-pg/obj/src/cli/cmd_copy.o: src/cli/cmd_copy.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
