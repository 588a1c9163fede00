#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs Quire into a temporary prefix with `cmake --install` and checks every file a
# desktop installation needs, with the tools the desktop itself uses to read them.
# usage: check_install.sh BUILD_DIR
set -euo pipefail
trap 'echo "FAILED: $0 line $LINENO: $BASH_COMMAND" >&2' ERR
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAILED: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 is missing (scripts/install-deps installs it)"; }
for tool in desktop-file-validate xmllint man update-mime-database gio bash; do need "$tool"; done

cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
share=$prefix/share
expected=(
  bin/quire bin/quire-cli
  share/applications/org.quire.Quire.desktop
  share/metainfo/org.quire.Quire.metainfo.xml
  share/mime/packages/org.quire.Quire.xml
  share/icons/hicolor/scalable/apps/org.quire.Quire.svg
  share/icons/hicolor/scalable/mimetypes/application-x-quire.svg
  share/man/man1/quire-cli.1.gz share/man/man1/quire.1.gz
  share/bash-completion/completions/quire-cli
  share/doc/quire/copyright
)
for size in 16 24 32 48 64 128 256; do
  expected+=("share/icons/hicolor/${size}x${size}/apps/org.quire.Quire.png")
done
for file in "${expected[@]}"; do
  [ -f "$prefix/$file" ] || fail "$file was not installed"
done
for size in 16 24 32 48 64 128 256; do
  file "$share/icons/hicolor/${size}x${size}/apps/org.quire.Quire.png" | grep -q "$size x $size" ||
    fail "the ${size}x${size} icon is not ${size} pixels square"
done

# One version everywhere: both programs, both manual pages, the AppStream release.
version=$("$prefix/bin/quire-cli" --version)
version=${version#quire-cli }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "quire-cli --version printed '$version'"
[ "$(env -u DISPLAY -u WAYLAND_DISPLAY "$prefix/bin/quire" --version)" = "quire $version" ] ||
  fail "quire --version does not print quire $version (without a display)"
grep -q "<release version=\"$version\"" "$share/metainfo/org.quire.Quire.metainfo.xml" ||
  fail "the AppStream release is not $version"

# The launcher: valid, opens the file type the MIME package defines, with an installed icon.
desktop=$share/applications/org.quire.Quire.desktop
desktop-file-validate "$desktop" >"$work/desktop.txt" 2>&1 ||
  fail "desktop-file-validate: $(cat "$work/desktop.txt")"
# Hints are advice (two main categories, as the issue asks, earn one); anything else fails.
! grep -v ': hint: ' "$work/desktop.txt" || fail "desktop-file-validate found problems"
grep -qx 'Exec=quire %f' "$desktop" || fail "the launcher does not pass the file to quire"
grep -qx 'GenericName=Qualitative Data Analysis' "$desktop" || fail "GenericName"
grep -qx 'Categories=Education;Science;' "$desktop" || fail "Categories"
grep -qx 'MimeType=application/x-quire;' "$desktop" || fail "MimeType"
grep -qx 'Icon=org.quire.Quire' "$desktop" || fail "Icon"

# The file type: well-formed, accepted by update-mime-database, and recognised by GLib both by
# extension and, under another name, by the SQLite header carrying Quire's application id.
xmllint --noout "$share/mime/packages/org.quire.Quire.xml" || fail "the MIME package is not well-formed"
xmllint --noout "$share/metainfo/org.quire.Quire.metainfo.xml" || fail "the AppStream file is not well-formed"
grep -q 'type="application/x-quire"' "$share/mime/packages/org.quire.Quire.xml" ||
  fail "the MIME package does not define application/x-quire"
update-mime-database "$share/mime" >/dev/null 2>"$work/mime.txt" ||
  fail "update-mime-database: $(cat "$work/mime.txt")"
"$prefix/bin/quire-cli" demo "$work/study.quire" >/dev/null
cp "$work/study.quire" "$work/renamed.db"
printf 'SQLite format 3\0' > "$work/other.db"
head -c 4096 /dev/zero >> "$work/other.db"
content_type() {
  XDG_DATA_DIRS="$share:/usr/share" XDG_DATA_HOME="$work/no-user-data" \
    gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'
}
[ "$(content_type "$work/study.quire")" = application/x-quire ] || fail "*.quire is not application/x-quire"
[ "$(content_type "$work/renamed.db")" = application/x-quire ] ||
  fail "a project under another name is not recognised by its header"
[ "$(content_type "$work/other.db")" != application/x-quire ] ||
  fail "any SQLite database is taken for a Quire project"

if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$share/metainfo/org.quire.Quire.metainfo.xml" >"$work/as.txt" 2>&1 ||
    fail "appstreamcli validate: $(cat "$work/as.txt")"
else
  echo "appstreamcli is absent: the AppStream file was checked with xmllint alone"
fi

# Manual pages render without a warning, and quire-cli's names every command --help lists.
for page in quire-cli quire; do
  MANWIDTH=80 man --warnings -E UTF-8 -l "$share/man/man1/$page.1.gz" >"$work/$page.txt" 2>"$work/$page.err"
  [ ! -s "$work/$page.err" ] || fail "man -l $page: $(cat "$work/$page.err")"
  grep -q "Quire $version" "$work/$page.txt" || fail "$page(1) is not for version $version"
done
commands=$("$prefix/bin/quire-cli" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p' | sort -u)
[ "$(echo "$commands" | wc -l)" -ge 20 ] || fail "could not read the commands of --help"
for command in $commands; do
  grep -q "quire-cli $command" "$work/quire-cli.txt" || fail "quire-cli(1) lacks $command"
done
for status in 0 1 2 3 4 5 6 7 8; do
  grep -qE "^ +$status +[a-z]" "$work/quire-cli.txt" || fail "quire-cli(1) lacks exit status $status"
done
for option in --demo --help --version; do
  grep -q -- "$option" "$work/quire.txt" || fail "quire(1) lacks $option"
done

# Bash completion: commands, subcommands, options, option values and project files.
mkdir -p "$work/files/sub"
touch "$work/files/a.quire" "$work/files/b.quire" "$work/files/notes.txt"
complete_words() {  # complete_words WORD... : what Tab offers for the last word
  (cd "$work/files" && bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _quire_cli
    printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$share/bash-completion/completions/quire-cli" "$@")
}
expect_completion() {  # expect_completion "EXPECTED WORDS" WORD...
  local expected=$1
  shift
  local got
  got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$expected" ] || fail "completing '$*': got '$got', expected '$expected'"
}
expect_completion "code codebook coders codes codings" quire-cli cod
expect_completion "add apply delete edit merge move rename" quire-cli code ""
expect_completion "a.quire b.quire sub" quire-cli agreement ""
expect_completion "--categories --code --coders --coverage --csv" quire-cli agreement a.quire --c
expect_completion "segment sentence" quire-cli agreement a.quire --unit se
expect_completion "notes.txt" quire-cli import a.quire no
expect_completion "--force" quire-cli code delete a.quire X --f
expect_completion "--version" quire-cli --v
echo "installed into a temporary prefix: ${#expected[@]} files checked, version $version"
