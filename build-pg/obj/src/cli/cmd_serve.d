build-pg/obj/src/cli/cmd_serve.o: src/cli/cmd_serve.c src/cli/cli.h \
 include/tidings.h src/server/server.h
src/cli/cli.h:
include/tidings.h:
src/server/server.h:
