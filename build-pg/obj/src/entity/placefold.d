build-pg/obj/src/entity/placefold.o: src/entity/placefold.c \
 src/entity/placefold.h
src/entity/placefold.h:
