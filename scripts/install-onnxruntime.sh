#!/usr/bin/env bash
# Provisions ONNX Runtime 1.21.0 (headers, CMake config, shared library) for the Kokoro engine on
# Debian 12, which has no onnxruntime package:
#   - headers + CMake config come from Debian 13's libonnxruntime-dev, fetched with a private apt
#     state so the machine's own apt sources are never touched;
#   - the library comes from the npm package onnxruntime-node, whose manylinux build runs on
#     Debian 12's glibc (trixie's own library needs glibc 2.38 and GCC 14's libstdc++).
# Both must be the same version: official builds version their symbols (VERS_1.21.0).
#
# Idempotent: when the prefix is complete nothing is downloaded. Downloads are cached under
# the cache directory so a rebuilt prefix costs nothing either.
# Environment: CHORUS_ORT_PREFIX (install prefix), CHORUS_ORT_CACHE (download cache).
set -euo pipefail

ORT_VERSION=1.21.0
PREFIX="${CHORUS_ORT_PREFIX:-$HOME/.cache/chorus/onnxruntime-${ORT_VERSION}}"
CACHE="${CHORUS_ORT_CACHE:-$HOME/.cache/chorus/downloads}"
MULTIARCH=x86_64-linux-gnu
LIBDIR="$PREFIX/lib/$MULTIARCH"

say() { echo "install-onnxruntime: $*"; }
die() { echo "install-onnxruntime: error: $*" >&2; exit 1; }

if [ "$(uname -m)" != "x86_64" ]; then
  die "only x86_64 is supported by this provisioning method (machine is $(uname -m))"
fi

complete() {
  [ -f "$LIBDIR/cmake/onnxruntime/onnxruntimeConfig.cmake" ] &&
    [ -f "$PREFIX/include/onnxruntime/onnxruntime_cxx_api.h" ] &&
    [ -f "$LIBDIR/libonnxruntime.so.$ORT_VERSION" ] &&
    [ -L "$LIBDIR/libonnxruntime.so" ]
}

if complete; then
  say "ONNX Runtime $ORT_VERSION already provisioned in $PREFIX"
  exit 0
fi

for tool in apt-get dpkg-deb npm tar; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required (apt-get install npm for npm)"
done

mkdir -p "$CACHE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --- 1. headers + CMake config from trixie's libonnxruntime-dev -------------------------------
fetch_dev_deb() {
  local existing
  existing="$(ls "$CACHE"/libonnxruntime-dev_${ORT_VERSION}*_amd64.deb 2>/dev/null | head -n1 || true)"
  if [ -n "$existing" ]; then
    DEV_DEB="$existing"
    say "using cached $(basename "$DEV_DEB")"
    return
  fi
  # Same mirror the machine already uses, so it works behind a mirror-only network.
  local mirror
  mirror="$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
            grep -v security | head -n1 || true)"
  if [ -z "$mirror" ]; then
    mirror="$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1 || true)"
  fi
  [ -n "$mirror" ] || mirror="http://deb.debian.org/debian"
  say "fetching libonnxruntime-dev from trixie ($mirror), private apt state"
  local state="$WORK/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
    > "$state/etc/sources.list"
  local opts=(
    -o "Dir::Etc::sourcelist=$state/etc/sources.list"
    -o "Dir::Etc::sourceparts=-"
    -o "Dir::State::Lists=$state/lists"
    -o "Dir::Cache=$state/cache"
    -o "Dir::State::status=/var/lib/dpkg/status"
    -o "APT::Get::List-Cleanup=0"
    -o "APT::Sandbox::User=root"
  )
  apt-get "${opts[@]}" -qq update || die "apt-get update for trixie failed (mirror $mirror)"
  local candidate
  candidate="$(apt-cache "${opts[@]}" policy libonnxruntime-dev | awk '/Candidate:/ {print $2}')"
  case "$candidate" in
    ${ORT_VERSION}*) ;;
    *) die "trixie offers libonnxruntime-dev '$candidate', need $ORT_VERSION (headers must match the library)" ;;
  esac
  (cd "$WORK" && apt-get "${opts[@]}" -qq download "libonnxruntime-dev=$candidate") ||
    die "apt-get download libonnxruntime-dev failed"
  local deb
  deb="$(ls "$WORK"/libonnxruntime-dev_*_amd64.deb | head -n1)"
  mv "$deb" "$CACHE/"
  DEV_DEB="$CACHE/$(basename "$deb")"
}

# --- 2. the library from the npm package onnxruntime-node ------------------------------------
fetch_npm_tgz() {
  NPM_TGZ="$CACHE/onnxruntime-node-${ORT_VERSION}.tgz"
  if [ -s "$NPM_TGZ" ]; then
    say "using cached $(basename "$NPM_TGZ")"
    return
  fi
  say "fetching onnxruntime-node@$ORT_VERSION with npm pack (about 80 MB, download only)"
  (cd "$WORK" && npm pack --silent "onnxruntime-node@${ORT_VERSION}" >/dev/null) ||
    die "npm pack onnxruntime-node@$ORT_VERSION failed"
  mv "$WORK/onnxruntime-node-${ORT_VERSION}.tgz" "$NPM_TGZ.part"
  mv "$NPM_TGZ.part" "$NPM_TGZ"
}

fetch_dev_deb
fetch_npm_tgz

# --- 3. assemble the prefix in a staging dir, then move it into place -------------------------
STAGE="$WORK/prefix"
mkdir -p "$STAGE/include" "$STAGE/lib/$MULTIARCH"
dpkg-deb -x "$DEV_DEB" "$WORK/deb" || die "cannot unpack $DEV_DEB"
[ -d "$WORK/deb/usr/include/onnxruntime" ] || die "$DEV_DEB has no usr/include/onnxruntime"
cp -a "$WORK/deb/usr/include/onnxruntime" "$STAGE/include/"
cp -a "$WORK/deb/usr/lib/$MULTIARCH/cmake" "$STAGE/lib/$MULTIARCH/"
if [ -d "$WORK/deb/usr/lib/$MULTIARCH/pkgconfig" ]; then
  cp -a "$WORK/deb/usr/lib/$MULTIARCH/pkgconfig" "$STAGE/lib/$MULTIARCH/"
  # The .pc file hardcodes prefix=/usr.
  sed -i "s|^prefix=.*|prefix=$PREFIX|" "$STAGE/lib/$MULTIARCH/pkgconfig/"*.pc
fi

tar -xzf "$NPM_TGZ" -C "$WORK" package/bin/napi-v3/linux/x64/libonnxruntime.so.1 ||
  die "$NPM_TGZ has no linux x64 libonnxruntime.so.1"
install -m 0644 "$WORK/package/bin/napi-v3/linux/x64/libonnxruntime.so.1" \
  "$STAGE/lib/$MULTIARCH/libonnxruntime.so.$ORT_VERSION"
ln -sf "libonnxruntime.so.$ORT_VERSION" "$STAGE/lib/$MULTIARCH/libonnxruntime.so.1"
ln -sf "libonnxruntime.so.1" "$STAGE/lib/$MULTIARCH/libonnxruntime.so"

# The library must carry the version the headers were made for.
if command -v strings >/dev/null 2>&1; then
  # grep -c reads all input (grep -q would close the pipe early and pipefail would report it).
  n="$(strings "$STAGE/lib/$MULTIARCH/libonnxruntime.so.$ORT_VERSION" | grep -c "VERS_${ORT_VERSION}" || true)"
  [ "${n:-0}" -gt 0 ] || die "library from npm does not export VERS_$ORT_VERSION symbols"
fi

mkdir -p "$(dirname "$PREFIX")"
rm -rf "$PREFIX.tmp"
mv "$STAGE" "$PREFIX.tmp"
rm -rf "$PREFIX"
mv "$PREFIX.tmp" "$PREFIX"

complete || die "prefix $PREFIX is incomplete after installation"
say "ONNX Runtime $ORT_VERSION provisioned in $PREFIX"
