build-pg/obj/src/cli/cmd_search.o: src/cli/cmd_search.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
