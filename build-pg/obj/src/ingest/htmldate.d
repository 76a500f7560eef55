build-pg/obj/src/ingest/htmldate.o: src/ingest/htmldate.c \
 src/ingest/htmldate.h src/core/alloc.h src/core/calendar.h
src/ingest/htmldate.h:
src/core/alloc.h:
src/core/calendar.h:
