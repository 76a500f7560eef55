build-pg/obj/src/cli/common.o: src/cli/common.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
