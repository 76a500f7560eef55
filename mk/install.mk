# mk/install.mk -- make install PREFIX=... [DESTDIR=...]
#
# Installs the tidings binary, the library (shared and static), its one
# public header, a pkg-config file tidings.pc and the man page tidings(1).
# PREFIX defaults to /usr/local; DESTDIR stages into another root.

PREFIX ?= /usr/local
DESTDIR ?=
INSTALL ?= install

.PHONY: install uninstall

# tidings.pc names PREFIX, so it is written at every install (a file made
# for one PREFIX would be stale for the next).
install: $(BUILD)/tidings $(BUILD)/libtidings.so $(BUILD)/libtidings.a \
		tools/tidings.pc.in docs/tidings.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e "s|@VERSION@|$$(sed -n 's/^#define TD_VERSION "\(.*\)"/\1/p' include/tidings.h)|g" \
	    tools/tidings.pc.in >$(BUILD)/tidings.pc
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(PREFIX)/share/man/man1
	$(INSTALL) -m 755 $(BUILD)/tidings $(DESTDIR)$(PREFIX)/bin/tidings
	$(INSTALL) -m 755 $(BUILD)/libtidings.so $(DESTDIR)$(PREFIX)/lib/libtidings.so
	$(INSTALL) -m 644 $(BUILD)/libtidings.a $(DESTDIR)$(PREFIX)/lib/libtidings.a
	$(INSTALL) -m 644 include/tidings.h $(DESTDIR)$(PREFIX)/include/tidings.h
	$(INSTALL) -m 644 $(BUILD)/tidings.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/tidings.pc
	$(INSTALL) -m 644 docs/tidings.1 $(DESTDIR)$(PREFIX)/share/man/man1/tidings.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tidings $(DESTDIR)$(PREFIX)/lib/libtidings.so \
		$(DESTDIR)$(PREFIX)/lib/libtidings.a $(DESTDIR)$(PREFIX)/include/tidings.h \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/tidings.pc \
		$(DESTDIR)$(PREFIX)/share/man/man1/tidings.1
