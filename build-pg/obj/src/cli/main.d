build-pg/obj/src/cli/main.o: src/cli/main.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
