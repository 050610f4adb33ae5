# Dateline: the two commands a new user needs on Debian 12 are `make run` and `make test`.
# Both install the Debian packages that are missing (and only those), then configure and
# build with meson in ./build.

BUILDDIR ?= build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Everything the build, the app and the test suite need, as Debian 12 package names.
DEBIAN_PACKAGES := \
	gcc make pkg-config meson ninja-build gettext \
	libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libshumate-dev \
	libjson-glib-dev libcairo2-dev libpango1.0-dev \
	desktop-file-utils appstream \
	xvfb xauth dbus at-spi2-core \
	librsvg2-bin poppler-utils gdal-bin \
	fonts-dejavu-core fonts-noto-core

.PHONY: all deps build run test bench clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR)

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/dateline

# The whole suite under a private X server and session bus.
test: build
	dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(BUILDDIR) --print-errorlogs $(TESTARGS)

bench: build
	dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR)

# Robustness: the suite under AddressSanitizer + UndefinedBehaviorSanitizer (own build
# dir, configured with -Db_sanitize), under valgrind memcheck, and the story-loader fuzzer
# (clang + libFuzzer). See README.md, "Development".
ASAN_BUILDDIR ?= build-asan
FUZZ_BUILDDIR ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGET ?= fuzz-story
# e.g. FUZZ_ARGS="-fork=1 -ignore_crashes=1" to keep going after a crash
FUZZ_ARGS ?=
TOOL_PACKAGES := valgrind clang libclang-rt-dev

.PHONY: test-asan test-valgrind fuzz tool-deps

tool-deps: deps
	@missing=$$(for p in $(TOOL_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

$(ASAN_BUILDDIR)/build.ninja:
	meson setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dc_args=-fno-omit-frame-pointer

# Build-time tools run instrumented too; their leaks at exit are not the app's.
test-asan: deps $(ASAN_BUILDDIR)/build.ninja
	ASAN_OPTIONS=detect_leaks=0 meson compile -C $(ASAN_BUILDDIR)
	dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(ASAN_BUILDDIR) --setup=asan --no-suite gui --print-errorlogs $(TESTARGS)
	dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(ASAN_BUILDDIR) --setup=asangui --suite gui --print-errorlogs \
	  $(TESTARGS)

# Our test programs only (the data and po suites run scripts and other tools).
test-valgrind: tool-deps build
	dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
	  meson test -C $(BUILDDIR) --setup=valgrind --suite core --suite render --suite gui \
	  --print-errorlogs $(TESTARGS)

$(FUZZ_BUILDDIR)/build.ninja:
	CC=clang meson setup $(FUZZ_BUILDDIR) -Dfuzzing=true \
	  -Db_sanitize=address,undefined -Db_lundef=false

# FUZZ_TARGET: fuzz-story (loader, --check, save round trip) or fuzz-figure (drawing).
# Seeds over 64 KiB (Natural Earth in tests/data/interop) are read cut short: the time
# goes to structure, not to saving big files under the sanitizers.
fuzz: tool-deps $(FUZZ_BUILDDIR)/build.ninja
	ASAN_OPTIONS=detect_leaks=0 ninja -C $(FUZZ_BUILDDIR) tests/fuzz/$(FUZZ_TARGET)
	mkdir -p $(FUZZ_BUILDDIR)/corpus-$(FUZZ_TARGET) $(FUZZ_BUILDDIR)/crashes
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(FUZZ_BUILDDIR)/tests/fuzz/$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -max_len=65536 -dict=tests/fuzz/story.dict $(FUZZ_ARGS) \
	  -artifact_prefix=$(FUZZ_BUILDDIR)/crashes/$(FUZZ_TARGET)- \
	  $(FUZZ_BUILDDIR)/corpus-$(FUZZ_TARGET) tests/data data/stories
