#!/usr/bin/env bash
# Unpacks OpenBLAS, BLIS and reference BLAS (Debian packages) into .cache/blas/ for the BLAS backend
# tests, without installing anything system-wide: `apt-get download` + `dpkg -x`, then links to every
# shared library in .cache/blas/lib/. The tests point EMBEDKIT_BLAS_PATH there. On a system without
# apt-get it says so and leaves the tests to skip those backends (visibly).
set -euo pipefail
cd "$(dirname "$0")/../.."
DEST="$PWD/.cache/blas"
# libgfortran5 (+ libquadmath0 on x86) is OpenBLAS's only dependency beyond libc; it is unpacked
# beside it so the loader can resolve it from the same folder.
PKGS=(libopenblas0-pthread libblis4-pthread libblas3 libgfortran5)
if [ "$(uname -m)" = x86_64 ]; then PKGS+=(libquadmath0); fi

if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  echo "[test-setup/blas] apt-get/dpkg not found: BLAS backend tests will be skipped" >&2
  exit 0
fi
if [ -f "$DEST/lib/.complete" ]; then
  echo "[test-setup/blas] already unpacked in $DEST"
  exit 0
fi
rm -rf "$DEST" && mkdir -p "$DEST/debs" "$DEST/root" "$DEST/lib"
(cd "$DEST/debs" && apt-get download "${PKGS[@]}" >/dev/null 2>&1) || {
  # Package lists may be missing on a fresh machine.
  apt-get update >/dev/null 2>&1 || true
  (cd "$DEST/debs" && apt-get download "${PKGS[@]}")
}
for deb in "$DEST"/debs/*.deb; do dpkg -x "$deb" "$DEST/root"; done
# One folder with every library under its soname (the packages put them in per-variant folders).
while IFS= read -r -d '' so; do
  name="$(basename "$so")"
  case "$name" in
    libopenblas*.so.0 | libblis*.so.4 | libblas.so.3 | libgfortran.so.5 | libquadmath.so.0) ln -sf "$so" "$DEST/lib/$name" ;;
  esac
done < <(find "$DEST/root" \( -type f -o -type l \) -name '*.so.*' -print0)
# libblas.so.3 in the openblas folder is OpenBLAS under the reference name: keep the reference one.
ref="$(find "$DEST/root" -path '*/blas/libblas.so.3' | head -n1)"
[ -n "$ref" ] && ln -sf "$ref" "$DEST/lib/libblas.so.3"
touch "$DEST/lib/.complete"
echo "[test-setup/blas] unpacked into $DEST/lib:" $(ls "$DEST/lib")
