build-pg/obj/src/cli/cmd_entity.o: src/cli/cmd_entity.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
