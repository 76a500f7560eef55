build-pg/obj/src/server/http_util.o: src/server/http_util.c \
 src/server/http_util.h src/core/alloc.h
src/server/http_util.h:
src/core/alloc.h:
