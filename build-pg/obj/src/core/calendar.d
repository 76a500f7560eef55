build-pg/obj/src/core/calendar.o: src/core/calendar.c src/core/calendar.h
src/core/calendar.h:
