build-pg/obj/src/entity/numbers.o: src/entity/numbers.c \
 src/entity/dates.h src/core/buf.h src/entity/datewords.h \
 src/text/tokens.h include/tidings.h src/text/unicode.h
src/entity/dates.h:
src/core/buf.h:
src/entity/datewords.h:
src/text/tokens.h:
include/tidings.h:
src/text/unicode.h:
