build-pg/obj/src/entity/dates.o: src/entity/dates.c src/entity/dates.h \
 src/core/alloc.h src/core/calendar.h src/entity/datewords.h \
 src/entity/placefold.h src/text/stopwords.h
src/entity/dates.h:
src/core/alloc.h:
src/core/calendar.h:
src/entity/datewords.h:
src/entity/placefold.h:
src/text/stopwords.h:
