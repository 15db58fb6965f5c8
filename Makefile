# viva: one Makefile for build, run, test, bench, install.  `make help` lists targets.

PKGS	 = libpq libcurl json-c libsodium libcmark-gfm libpcre2-8 sndfile
# Only viva-worker (and its tests and benchmark) link wslay (WebSocket frames) and
# OpenSSL (TLS to the provider).
WS_PKGS	 = libssl libcrypto
WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla
OPT	?= -O2 -D_FORTIFY_SOURCE=2
B	?= build/release
CC	?= cc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS	+= -std=c11 -D_GNU_SOURCE -g $(OPT) $(SAN) $(WARN) -fno-common \
	   -fstack-protector-strong -Isrc $(PKG_CFLAGS)
LDFLAGS	+= $(SAN)
LDLIBS	+= $(PKG_LIBS) -lcmark-gfm-extensions -lcsv -lfcgi -lm
WS_CFLAGS := $(shell pkg-config --cflags $(WS_PKGS) 2>/dev/null)
WS_LIBS	  := $(shell pkg-config --libs $(WS_PKGS) 2>/dev/null) -lwslay

# Debian packages: build, run (PostgreSQL, nginx) and test (cmocka, clang's fuzzer, wrk, chromium,
# systemd's systemd-analyze for the shipped units).
DEB_PKGS = build-essential pkg-config libfcgi-dev libpq-dev libcurl4-openssl-dev \
	   libjson-c-dev libsodium-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	   libpcre2-dev libsndfile1-dev libcsv-dev libcmocka-dev postgresql nginx-light clang \
	   libclang-rt-14-dev wrk chromium nodejs curl ca-certificates openssl espeak-ng \
	   libwslay-dev libssl-dev systemd

LIB_SRC	 = $(sort $(wildcard src/lib/*.c))
CORE_SRC = $(sort $(wildcard src/core/*.c))
WEB_SRC	 = $(sort $(wildcard src/web/*.c))
CLI_SRC	 = $(sort $(wildcard src/cli/*.c))
WORKER_SRC = $(sort $(wildcard src/worker/*.c))
UNIT_SRC = $(sort $(wildcard tests/unit/*_test.c))
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/%.o) $(CORE_SRC:%.c=$(B)/%.o)
WEB_OBJ	 = $(WEB_SRC:%.c=$(B)/%.o)
CLI_OBJ	 = $(CLI_SRC:%.c=$(B)/%.o)
WORKER_OBJ = $(WORKER_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
INTEG_SRC = $(sort $(wildcard tests/integration/*_test.c))
INTEG_BIN = $(INTEG_SRC:tests/integration/%.c=$(B)/integration/%)

.PHONY: all build run stop test test-unit test-asan fuzz fuzz-build bench install clean deps fmt help

all: cgi-bin/viva.fcgi bin/viva bin/viva-worker

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/libviva.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/viva.fcgi: $(WEB_OBJ) $(B)/libviva.a
	$(CC) $(LDFLAGS) -o $@ $(WEB_OBJ) $(B)/libviva.a $(LDLIBS)

$(B)/viva: $(CLI_OBJ) $(B)/libviva.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libviva.a $(LDLIBS)

$(B)/src/worker/%.o: src/worker/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WS_CFLAGS) -pthread -MMD -MP -c -o $@ $<

# Threads: the worker's database calls run off its event loop (src/worker/dbq.c).
$(B)/viva-worker: $(WORKER_OBJ) $(B)/libviva.a
	$(CC) $(LDFLAGS) -pthread -o $@ $(WORKER_OBJ) $(B)/libviva.a $(LDLIBS) $(WS_LIBS)

# Copied then renamed, so a running binary is replaced rather than overwritten.
cgi-bin/viva.fcgi: $(B)/viva.fcgi
	@mkdir -p $(@D)
	cp $< $@.tmp && mv -f $@.tmp $@

bin/viva: $(B)/viva
	@mkdir -p $(@D)
	cp $< $@.tmp && mv -f $@.tmp $@

bin/viva-worker: $(B)/viva-worker
	@mkdir -p $(@D)
	cp $< $@.tmp && mv -f $@.tmp $@

$(B)/unit/%: tests/unit/%.c $(B)/libviva.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< \
	    $(B)/libviva.a $(LDFLAGS) $(LDLIBS) -lcmocka

# The worker's handshake text is tested on its own (its sockets in worker_test).
$(B)/unit/worker_handshake_test: tests/unit/worker_handshake_test.c $(B)/src/worker/handshake.o \
	    $(B)/libviva.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(B)/src/worker/handshake.o \
	    $(B)/libviva.a $(LDFLAGS) $(LDLIBS) $(WS_LIBS) -lcmocka

# The worker's lookups off its loop, with their thread.
$(B)/unit/worker_resolve_test: tests/unit/worker_resolve_test.c $(B)/src/worker/resolve.o
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -o $@ $< $(B)/src/worker/resolve.o \
	    $(LDFLAGS) -lpthread -lcmocka

INTEG_LIB = tests/integration/stack.c tests/integration/flow.c tests/integration/fakeai.c \
	    tests/integration/ws.c tests/integration/fcgi_client.c

$(B)/integration/%: tests/integration/%.c $(INTEG_LIB) tests/integration/stack.h tests/integration/flow.h \
	    tests/integration/fakeai.h tests/integration/ws.h tests/integration/fcgi_client.h \
	    $(B)/libviva.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WS_CFLAGS) -Wno-missing-prototypes -Itests/integration -o $@ $< \
	    $(INTEG_LIB) $(B)/libviva.a $(LDFLAGS) $(LDLIBS) $(WS_LIBS) -lcmocka

# worker_test preloads it into viva-worker: a slow name server (tests/shims/slow_dns.c).
# Built without the sanitizers, as the C library's getaddrinfo it stands in front of.
$(B)/integration/slow_dns.so: tests/shims/slow_dns.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl
$(B)/integration/worker_test: $(B)/integration/slow_dns.so

# Everything the test runner needs, built into $(B).
build: $(B)/viva.fcgi $(B)/viva $(B)/viva-worker $(UNIT_BIN) $(INTEG_BIN)

# Installs what is missing first: the compile flags come from pkg-config.
run:
	@sh scripts/deps.sh $(DEB_PKGS)
	@$(MAKE) --no-print-directory all
	@bash scripts/run.sh

stop:
	@bash scripts/stop.sh

# Unit, fuzz (short), integration and browser tests; last line: "N passed, N failed".
test:
	@sh scripts/deps.sh $(DEB_PKGS)
	@$(MAKE) --no-print-directory all build
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/run.sh $(B)

test-unit: build
	@sh tests/run.sh $(B) unit

test-asan:
	@$(MAKE) --no-print-directory B=build/asan OPT=-O1 CPPFLAGS=-DARENA_DEBUG \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' build
	@$(MAKE) --no-print-directory fuzz-build
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    sh tests/run.sh build/asan

FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Isrc $(PKG_CFLAGS) \
	      -fsanitize=fuzzer,address,undefined -DARENA_DEBUG
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

# The pure parts of src/core (no database, no network) are fuzzed with src/lib.
FUZZ_CORE = src/core/engine.c src/core/engine_json.c src/core/scorer.c \
	    src/core/scorer_rubric.c src/core/oneway_parse.c \
	    src/core/question_check.c

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(FUZZ_CORE)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(FUZZ_CORE) $(PKG_LIBS) -lcmark-gfm-extensions -lm

# The worker's handshake text, without its sockets (net.c, conn.c).
build/fuzz/fuzz_ws_handshake: tests/fuzz/fuzz_ws_handshake.c src/worker/handshake.c \
	    src/worker/handshake.h src/lib/b64.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -o $@ $< src/worker/handshake.c src/lib/b64.c -lcrypto

fuzz-build: $(FUZZ_BIN)

# A long fuzz run: FUZZ_SECONDS per target (default 300).
fuzz: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $${FUZZ_SECONDS:-300}

bench: all
	@sh bench/run.sh

PREFIX	?= /usr/local
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/viva/cgi-bin \
	    $(DESTDIR)$(PREFIX)/share/viva
	install -m 755 bin/viva $(DESTDIR)$(PREFIX)/bin/viva
	install -m 755 cgi-bin/viva.fcgi $(DESTDIR)$(PREFIX)/lib/viva/cgi-bin/viva.fcgi
	install -m 755 bin/viva-worker $(DESTDIR)$(PREFIX)/lib/viva/viva-worker
	cp -R templates static sql data nginx systemd $(DESTDIR)$(PREFIX)/share/viva/

deps:
	@sh scripts/deps.sh $(DEB_PKGS)

fmt:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf build cgi-bin/viva.fcgi bin

help:
	@echo "targets: all run stop test test-asan fuzz bench install clean deps fmt"

-include $(LIB_OBJ:.o=.d) $(WEB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(WORKER_OBJ:.o=.d)
