#!/usr/bin/env bash
# Put QEMU's files that cokit-qemu compiles into adapters/qemu/build/src (build.sh calls this).
#
#   QEMU_SRC=/path/to/qemu  a QEMU tree of your own: its files are copied as they are;
#   otherwise                Debian's `qemu` source package (apt-get source --download-only qemu), of which
#                            only the files below are extracted, with Debian's patches to them applied.
#
# The download (~24 MB) is kept in ${COKIT_QEMU_CACHE:-~/.cache/cokit-qemu}, so a rebuild fetches nothing.
# Exit status 3: no source reachable (the message says what to do).
set -euo pipefail
cd "$(dirname "$0")"
FILES=(util/async.c util/qemu-coroutine.c include/qemu/atomic.h include/qemu/compiler.h include/qemu/queue.h include/qemu/coroutine_int.h)
OUT=build/src

have_all() { for f in "${FILES[@]}"; do [ -f "$1/$f" ] || return 1; done; }

if [ -n "${QEMU_SRC:-}" ]; then
  if ! have_all "$QEMU_SRC"; then
    echo "QEMU_SRC=$QEMU_SRC lacks one of: ${FILES[*]}" >&2
    exit 3
  fi
  rm -rf "$OUT" && mkdir -p "$OUT"
  for f in "${FILES[@]}"; do mkdir -p "$OUT/$(dirname "$f")" && cp "$QEMU_SRC/$f" "$OUT/$f"; done
  echo "QEMU_SRC=$QEMU_SRC ($(cat "$QEMU_SRC/VERSION" 2>/dev/null || echo 'version unknown'))" > "$OUT/ORIGIN"
  exit 0
fi

for tool in apt-get apt-cache tar xz awk git; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "no QEMU source: \`$tool\` is missing (Debian's qemu source package needs apt-get, tar, xz, awk and git); or set QEMU_SRC to a QEMU tree" >&2
    exit 3
  fi
done

CACHE="${COKIT_QEMU_CACHE:-$HOME/.cache/cokit-qemu}"
mkdir -p "$CACHE"

# The newest qemu source version apt knows, or nothing when no deb-src entry lists it.
source_version() { apt-cache showsrc qemu 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1; }

# A deb-src entry for every `Types: deb` entry of the Debian sources (root only): a file of our own beside them.
add_deb_src() {
  local list=/etc/apt/sources.list.d/cokit-deb-src.sources
  [ -f "$list" ] && return 0
  local src
  for src in /etc/apt/sources.list.d/*.sources; do
    [ -f "$src" ] || continue
    grep -q '^Types:.*\bdeb\b' "$src" || continue
    sed -e 's/^Types:.*/Types: deb-src/' "$src"
    echo
  done > "$list.tmp"
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list > /etc/apt/sources.list.d/cokit-deb-src.list
    [ -s /etc/apt/sources.list.d/cokit-deb-src.list ] || rm -f /etc/apt/sources.list.d/cokit-deb-src.list
  fi
  if [ -s "$list.tmp" ]; then mv "$list.tmp" "$list"; else rm -f "$list.tmp"; fi
  apt-get update -qq
}

VERSION="$(source_version || true)"
if [ -z "$VERSION" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  add_deb_src
  VERSION="$(source_version || true)"
fi
if [ -z "$VERSION" ]; then
  cat >&2 <<'MSG'
no QEMU source: set QEMU_SRC to a QEMU tree, or let apt find Debian's `qemu` source package:
  add a deb-src entry (in /etc/apt/sources.list.d/debian.sources: `Types: deb deb-src`; or in
  /etc/apt/sources.list a `deb-src` line beside each `deb` line), run `apt-get update`, then build again.
  (Run as root, this script adds the entry itself.)
MSG
  exit 3
fi

STAMP="$OUT/ORIGIN"
WANT="Debian qemu source package $VERSION"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && have_all "$OUT"; then exit 0; fi

DL="$CACHE/$VERSION"
mkdir -p "$DL"
if ! ls "$DL"/*.dsc >/dev/null 2>&1; then
  (cd "$DL" && apt-get source --download-only -qq "qemu=$VERSION" >/dev/null 2>"$DL/apt.err") || { cat "$DL/apt.err" >&2; exit 3; }
fi
ORIG="$(ls "$DL"/qemu_*.orig.tar.* | head -n 1)"
DEBIAN="$(ls "$DL"/qemu_*.debian.tar.* | head -n 1)"

rm -rf "$OUT" "$OUT.tmp" && mkdir -p "$OUT.tmp"
tar -xf "$ORIG" -C "$OUT.tmp" --strip-components=1 --wildcards "${FILES[@]/#/*/}"
# Debian's patches, in its series order, each cut down to the sections (from one `diff --git` to the next)
# whose target is one of our files, applied with git apply (which works outside a repository).
tar -xf "$DEBIAN" -C "$OUT.tmp" debian/patches
only_ours() {
  awk -v files="${FILES[*]}" '
    BEGIN { n = split(files, f, " "); for (i = 1; i <= n; i++) want["b/" f[i]] = 1 }
    function flush() { if (keep) printf "%s", buf; buf = ""; keep = 0 }
    /^diff --git / { flush(); buf = $0 "\n"; keep = ($4 in want); next }
    { buf = buf $0 "\n" }
    END { flush() }' "$1"
}
while read -r patch; do
  case "$patch" in ''|'#'*) continue ;; esac
  only_ours "$OUT.tmp/debian/patches/$patch" > "$OUT.tmp/ours.diff"
  # (outside any repository: inside one, git apply takes paths from its top and skips the rest silently)
  if [ -s "$OUT.tmp/ours.diff" ]; then (cd "$OUT.tmp" && GIT_CEILING_DIRECTORIES="$(dirname "$PWD")" git apply ours.diff); fi
done < "$OUT.tmp/debian/patches/series"
rm -f "$OUT.tmp/ours.diff"
rm -rf "$OUT.tmp/debian"
mv "$OUT.tmp" "$OUT"
echo "$WANT" > "$STAMP"
