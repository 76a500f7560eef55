build-pg/obj/src/cli/cmd_article.o: src/cli/cmd_article.c src/cli/cli.h \
 include/tidings.h
src/cli/cli.h:
include/tidings.h:
