# pathscope - see README.md.  GNU make.
#
#   make              build ./pathscope
#   make run          install missing packages, build, open pathscope on python3
#   make test         install missing packages, build with -Werror, run every test
#   make check        build and run every test (unit, scenarios, differential, tui, fuzz corpora)
#   make WERROR=1     warnings are errors
#   make SANITIZE=1   ASan + UBSan build (objects go to build-san/)
#   make fuzz         build the libFuzzer harnesses with clang
#   make bench        run the benchmarks
#   make install PREFIX=/usr/local DESTDIR=
#   make deps         apt-get install what the build and the tests need, when missing
#   BUILD=dir         where objects go (default build, or build-san with SANITIZE=1)

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/pathscope
MANDIR   = $(PREFIX)/share/man/man1

CC         ?= cc
PKG_CONFIG ?= pkg-config
PYTHON     ?= python3

ifeq ($(SANITIZE),1)
BUILD ?= build-san
else
BUILD ?= build
endif

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
        -Wpointer-arith -Wcast-qual -Wwrite-strings -Wundef -Wvla -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif

CFLAGS   ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -DPS_DATADIR='"$(DATADIR)"'
ALL_CFLAGS = -std=c11 $(WARN) $(CPPFLAGS) $(CFLAGS) -MMD -MP

ifeq ($(SANITIZE),1)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ALL_CFLAGS += $(SAN)
LDFLAGS += $(SAN)
endif

FYAML_CFLAGS  := $(shell $(PKG_CONFIG) --cflags libfyaml 2>/dev/null)
FYAML_LIBS    := $(shell $(PKG_CONFIG) --libs libfyaml 2>/dev/null)
PCRE_CFLAGS   := $(shell $(PKG_CONFIG) --cflags libpcre2-8 2>/dev/null)
PCRE_LIBS     := $(shell $(PKG_CONFIG) --libs libpcre2-8 2>/dev/null)
CURSES_CFLAGS := $(shell $(PKG_CONFIG) --cflags ncursesw 2>/dev/null)
CURSES_LIBS   := $(shell $(PKG_CONFIG) --libs ncursesw 2>/dev/null)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ENGINE_SRC := $(sort $(wildcard engine/*.c))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
TUI_SRC    := $(sort $(wildcard tui/*.c))
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UNIT_HELPER_SRC := $(sort $(wildcard tests/unit/helper_*.c))
UNIT_HELPER_OBJ := $(UNIT_HELPER_SRC:%.c=$(BUILD)/%.o)
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC  := $(sort $(wildcard tests/bench/bench_*.c))
BENCH_BIN  := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)

LIBENGINE := $(BUILD)/libengine.a
PROGRAM   := $(BUILD)/pathscope

.PHONY: all run test check check-unit check-scenarios check-cli check-diff check-tui check-fuzz \
        check-lint fuzz bench install uninstall clean deps
.DEFAULT_GOAL := all

all: $(PROGRAM) pathscope

# ./pathscope is a link to the build's binary, so the README's commands and
# the tests find it in the same place whatever BUILD is.
pathscope: $(PROGRAM)
	ln -sf $(PROGRAM) $@

$(LIBENGINE): $(ENGINE_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/engine/%.o: engine/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(FYAML_CFLAGS) -c -o $@ $<

$(BUILD)/tui/%.o: tui/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iengine $(CURSES_CFLAGS) $(PCRE_CFLAGS) $(FYAML_CFLAGS) -c -o $@ $<

$(PROGRAM): $(TUI_OBJ) $(LIBENGINE)
	$(CC) $(LDFLAGS) -o $@ $(TUI_OBJ) $(LIBENGINE) $(CURSES_LIBS) $(PCRE_LIBS) $(FYAML_LIBS) -lm

# Unit tests link the engine without curses: that is the purity check of style §1.
$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iengine $(CMOCKA_CFLAGS) $(FYAML_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/unit/test_%.o $(UNIT_HELPER_OBJ) $(LIBENGINE)
	$(CC) $(LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJ) $(LIBENGINE) $(CMOCKA_LIBS) $(FYAML_LIBS)

# The explorer's curses-free parts (the model: tui/model*.c, whatever files
# it is split into; the key table, matcher, themes, text measuring) have unit
# tests too: those link the parts (with the session and util they use) and
# PCRE2, and still no curses.
TUI_MODEL_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard tui/model*.c)))
TUI_CORE_OBJ := $(TUI_MODEL_OBJ) \
                $(addprefix $(BUILD)/tui/,keymap.o match.o theme.o text.o strset.o session.o util.o)
TUI_TEST_BIN := $(addprefix $(BUILD)/tests/,test_model test_match test_theme test_keymap)
# One relocatable object; util.c's print_error is renamed because cmocka has one too.
$(BUILD)/tests/tui-core.o: $(TUI_CORE_OBJ)
	@mkdir -p $(@D)
	$(CC) -r -nostdlib -o $@.tmp $^
	objcopy --redefine-sym print_error=tui_print_error $@.tmp $@
	rm -f $@.tmp
$(TUI_TEST_BIN): $(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(UNIT_HELPER_OBJ) $(BUILD)/tests/tui-core.o $(LIBENGINE)
	$(CC) $(LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJ) $(BUILD)/tests/tui-core.o $(LIBENGINE) $(CMOCKA_LIBS) $(PCRE_LIBS) $(FYAML_LIBS)

# The fuzz harnesses also build as plain programs that replay their corpora.
$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(LIBENGINE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iengine $(FYAML_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBENGINE) $(LDFLAGS) $(FYAML_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(LIBENGINE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iengine $(FYAML_CFLAGS) -o $@ $< $(LIBENGINE) $(LDFLAGS) $(FYAML_LIBS)

# The explorer's benchmark drives the model and the curses view: it links
# every front-end object but main.o.
BENCH_TUI_OBJ := $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ))
$(BUILD)/bench/bench_explore: tests/bench/bench_explore.c $(BENCH_TUI_OBJ) $(LIBENGINE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iengine -Itui $(CURSES_CFLAGS) -o $@ $< $(BENCH_TUI_OBJ) $(LIBENGINE) $(LDFLAGS) $(CURSES_LIBS) $(PCRE_LIBS) $(FYAML_LIBS) -lm

FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

test: WERROR=1
test: deps
	$(MAKE) WERROR=1 check

run: deps all
	./pathscope

check: all $(UNIT_BIN) $(FUZZ_REPLAY)
	BUILD=$(BUILD) PYTHON=$(PYTHON) SANITIZE=$(SANITIZE) sh tests/run.sh

check-unit check-scenarios check-cli check-diff check-tui check-fuzz check-lint: all $(UNIT_BIN) $(FUZZ_REPLAY)
	BUILD=$(BUILD) PYTHON=$(PYTHON) SANITIZE=$(SANITIZE) sh tests/run.sh $(@:check-%=%)

fuzz:
	$(MAKE) -C tests/fuzz BUILD=$(abspath $(BUILD))/fuzz-clang

bench: all $(BENCH_BIN)
	BUILD=$(BUILD) sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(MANDIR)
	install -m 755 $(PROGRAM) $(DESTDIR)$(BINDIR)/pathscope
	install -m 644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/
	if [ -f doc/pathscope.1 ]; then install -m 644 doc/pathscope.1 $(DESTDIR)$(MANDIR)/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pathscope $(DESTDIR)$(MANDIR)/pathscope.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san pathscope

# Debian packages the build and the tests need; installed only when missing.
DEB_PACKAGES := build-essential pkg-config libncurses-dev libfyaml-dev libpcre2-dev \
                libcmocka-dev tmux python3 python3-yaml
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

-include $(ENGINE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d) \
         $(UNIT_HELPER_SRC:%.c=$(BUILD)/%.d)
