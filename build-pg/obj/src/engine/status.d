build-pg/obj/src/engine/status.o: src/engine/status.c include/tidings.h
include/tidings.h:
