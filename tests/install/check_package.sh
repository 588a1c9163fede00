#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from the build folder with CPack and checks its contents,
# its computed dependencies and lintian's verdict (no errors, no warnings).
# usage: check_package.sh BUILD_DIR
set -euo pipefail
trap 'echo "FAILED: $0 line $LINENO: $BASH_COMMAND" >&2' ERR
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
for tool in cpack dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || fail "$tool is missing"
done

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work" >"$work/cpack.log" 2>&1 ||
  fail "cpack: $(tail -5 "$work/cpack.log")"
deb=$(ls "$work"/quire_*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents.txt"
for file in /usr/bin/quire /usr/bin/quire-cli /usr/share/applications/org.quire.Quire.desktop \
    /usr/share/metainfo/org.quire.Quire.metainfo.xml /usr/share/mime/packages/org.quire.Quire.xml \
    /usr/share/icons/hicolor/scalable/apps/org.quire.Quire.svg \
    /usr/share/icons/hicolor/48x48/apps/org.quire.Quire.png \
    /usr/share/man/man1/quire.1.gz /usr/share/man/man1/quire-cli.1.gz \
    /usr/share/bash-completion/completions/quire-cli \
    /usr/share/doc/quire/copyright /usr/share/doc/quire/changelog.Debian.gz; do
  grep -qx "$file" "$work/contents.txt" || fail "the package lacks $file"
done
if grep -v '^/usr/' "$work/contents.txt" | grep -q .; then
  fail "the package installs outside /usr: $(grep -v '^/usr/' "$work/contents.txt" | head -3)"
fi
depends=$(dpkg-deb -f "$deb" Depends)
for library in libwxgtk3.2 libxapian30 libsqlite3-0 libicu; do
  [[ $depends == *"$library"* ]] || fail "Depends lacks $library (dpkg-shlibdeps): $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = quire ] || fail "the package is not called quire"

if command -v lintian >/dev/null; then
  lintian --fail-on error,warning "$deb" >"$work/lintian.txt" 2>&1 ||
    fail "lintian: $(grep -v 'root privileges' "$work/lintian.txt")"
else
  echo "lintian is absent: the package was not linted"
fi
echo "$(basename "$deb"): $(wc -l < "$work/contents.txt") entries, Depends: $depends"
