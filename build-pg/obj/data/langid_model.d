build-pg/obj/data/langid_model.o: data/langid_model.c src/lang/model.h
src/lang/model.h:
