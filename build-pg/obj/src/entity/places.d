build-pg/obj/src/entity/places.o: src/entity/places.c src/entity/places.h \
 src/core/alloc.h src/entity/placefold.h src/entity/places_data.h
src/entity/places.h:
src/core/alloc.h:
src/entity/placefold.h:
src/entity/places_data.h:
