build-pg/obj/data/places.o: data/places.c src/entity/places_data.h
src/entity/places_data.h:
