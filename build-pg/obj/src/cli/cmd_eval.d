build-pg/obj/src/cli/cmd_eval.o: src/cli/cmd_eval.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
