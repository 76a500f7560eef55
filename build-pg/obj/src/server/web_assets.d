build-pg/obj/src/server/web_assets.o: src/server/web_assets.c \
 src/server/assets.h
src/server/assets.h:
