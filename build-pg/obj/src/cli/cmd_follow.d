build-pg/obj/src/cli/cmd_follow.o: src/cli/cmd_follow.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
