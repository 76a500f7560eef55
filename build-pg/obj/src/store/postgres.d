build-pg/obj/src/store/postgres.o: src/store/postgres.c \
 /usr/include/postgresql/libpq-fe.h \
 /usr/include/postgresql/postgres_ext.h \
 /usr/include/postgresql/pg_config_ext.h src/core/alloc.h src/core/buf.h \
 src/core/hmap.h src/store/copy.h src/store/dsn.h src/store/names_pg.h \
 src/store/store.h include/tidings.h src/story/features.h \
 src/text/tokens.h src/text/unicode.h
/usr/include/postgresql/libpq-fe.h:
/usr/include/postgresql/postgres_ext.h:
/usr/include/postgresql/pg_config_ext.h:
src/core/alloc.h:
src/core/buf.h:
src/core/hmap.h:
src/store/copy.h:
src/store/dsn.h:
src/store/names_pg.h:
src/store/store.h:
include/tidings.h:
src/story/features.h:
src/text/tokens.h:
src/text/unicode.h:
