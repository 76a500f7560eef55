build-pg/obj/src/cli/cmd_langid.o: src/cli/cmd_langid.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
