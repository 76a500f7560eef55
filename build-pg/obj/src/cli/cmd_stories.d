build-pg/obj/src/cli/cmd_stories.o: src/cli/cmd_stories.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
