build-pg/obj/data/pivot.o: data/pivot.c
