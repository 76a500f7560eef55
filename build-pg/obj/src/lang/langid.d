build-pg/obj/src/lang/langid.o: src/lang/langid.c src/lang/langid.h \
 src/lang/families.h src/lang/model.h src/lang/ngram.h include/tidings.h
src/lang/langid.h:
src/lang/families.h:
src/lang/model.h:
src/lang/ngram.h:
include/tidings.h:
