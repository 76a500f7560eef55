build-pg/obj/src/clean/headline.o: src/clean/headline.c \
 src/clean/headline.h src/core/buf.h src/entity/dates.h src/text/tokens.h \
 include/tidings.h src/text/unicode.h
src/clean/headline.h:
src/core/buf.h:
src/entity/dates.h:
src/text/tokens.h:
include/tidings.h:
src/text/unicode.h:
