#!/usr/bin/env bash
# Build the C scheduler and its seed-literal variant into adapters/c/build/ (npm run build:c).
set -euo pipefail
cd "$(dirname "$0")"
CC="${CC:-cc}"
if ! command -v "$CC" >/dev/null 2>&1; then
  echo "no C compiler ($CC): skipping the C scheduler build"
  exit 0
fi
mkdir -p build
FLAGS=(-std=c11 -O2 -Wall -Wextra -Werror -pthread)
SOURCES=(main.c sched.c concurrent.c json.c str.c)
"$CC" "${FLAGS[@]}" -o build/cokit-c "${SOURCES[@]}"
"$CC" "${FLAGS[@]}" -DCOKIT_SEED_LITERAL_LIST -o build/cokit-c-seed-literal "${SOURCES[@]}"
"$CC" "${FLAGS[@]}" -DCOKIT_PUBLISH_BEFORE_MARK -o build/cokit-c-publish-before-mark "${SOURCES[@]}"
"$CC" "${FLAGS[@]}" -DCOKIT_UNMARK_BEFORE_CALLER -o build/cokit-c-unmark-before-caller "${SOURCES[@]}"
echo "built adapters/c/build/cokit-c, cokit-c-seed-literal, cokit-c-publish-before-mark and cokit-c-unmark-before-caller"
