#!/usr/bin/env bash
# Installs the .deb on a Debian 12 that has never seen the project — a root made here with
# debootstrap — the way a delegation's IT desk would: `apt-get install ./concord_*.deb`, which
# must resolve every dependency from Debian itself. Then, inside that root: `concord
# --version`, `concord --db x.concord init`, the desktop entry and the .concord file type, and
# the installed window opening on an X server (its title, and a screenshot that is not blank).
# Prints the package's size. Needs root (debootstrap, chroot, mounts). Fails loudly, saying which step.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "clean-root install test: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap and chroot); run: sudo make package-test"

deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb under target/release/bundle/deb: run make bundle"
size=$(stat -c %s "$deb")
# The size is a measurement, reported (the goal is under 15 MB), not a pass/fail rule here.
echo "package: $deb, $size bytes ($((size / 1024 / 1024)) MiB; goal: under 15 MB)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

work=target/clean-root
base=$work/base
root=$work/try
mkdir -p "$work"
if [ ! -x "$base/usr/bin/apt-get" ]; then
  echo "making a clean Debian 12 root (debootstrap, minbase)"
  rm -rf "$base.partial"
  debootstrap --variant=minbase bookworm "$base.partial" http://deb.debian.org/debian \
    > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
  mv "$base.partial" "$base"
fi
rm -rf "$root"
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"

display=""
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  [ -n "$display" ] && kill "$display" 2>/dev/null || true
  for m in tmp/.X11-unix dev/pts dev sys proc; do
    mountpoint -q "$root/$m" && umount -l "$root/$m" || true
  done
}
trap cleanup EXIT
mount -t proc proc "$root/proc"
mount --bind /sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mkdir -p /tmp/.X11-unix "$root/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"

in_root() { chroot "$root" env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

cp "$deb" "$root/tmp/"
name=$(basename "$deb")
echo "apt-get install ./$name (dependencies from Debian)"
in_root apt-get update -qq > "$work/apt.log" 2>&1 || { tail -20 "$work/apt.log"; fail "apt-get update failed"; }
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$name" \
  >> "$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "apt-get install of $name failed"; }

said=$(in_root concord --version) || fail "concord --version failed"
echo "concord --version: $said"
[[ "$said" == *"$version"* ]] || fail "concord --version says '$said', not version $version"
in_root concord --db /root/x.concord init > /dev/null || fail "concord --db x.concord init failed"
[ -s "$root/root/x.concord" ] || fail "concord init wrote no file"
# `concord` is the window's program run as the command line (packaging/concord): its exit
# codes and messages come through, a wrong name being bad input (2).
set +e
said=$(in_root concord --db /root/x.concord positions --actor Nowhereland 2>&1)
code=$?
set -e
[ "$code" = 2 ] || fail "concord with an unknown actor exited $code, not 2 ($said)"
[[ "$said" == *'unknown actor "Nowhereland"'* ]] || fail "concord with an unknown actor said '$said'"

entry=$(ls "$root"/usr/share/applications/*.desktop 2>/dev/null | head -1)
[ -n "$entry" ] || fail "no desktop entry in /usr/share/applications"
grep -q '^Exec=concord-desktop %f' "$entry" || fail "$entry does not start concord-desktop on a file"
grep -q '^MimeType=.*application/x-concord' "$entry" || fail "$entry does not open .concord files"
[ -f "$root/usr/share/mime/application/x-concord.xml" ] \
  || fail "the .concord type is not in the MIME database (update-mime-database did not run)"
[ -f "$root/usr/share/concord/guide/README.md" ] && ls "$root"/usr/share/concord/guide/img/*.png > /dev/null 2>&1 \
  || fail "the user guide (Help → User Guide) is not installed in /usr/share/concord/guide"
for s in 32x32 128x128; do
  ls "$root"/usr/share/icons/hicolor/$s/apps/*.png > /dev/null 2>&1 || fail "no $s icon installed"
done

echo "opening the installed window"
for n in $(seq 90 99); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp > "$work/xvfb.log" 2>&1 &
display=$!
# The window starts only once the display answers: a socket alone is not a server ready
# for a client (a window started too early cannot initialise GTK and exits).
ready=""
for _ in $(seq 300); do
  kill -0 "$display" 2>/dev/null || { cat "$work/xvfb.log"; fail "Xvfb :$n exited"; }
  if [ -e "/tmp/.X11-unix/X$n" ] && DISPLAY=":$n" xwininfo -root > /dev/null 2>&1; then ready=1; break; fi
  sleep 0.1
done
[ -n "$ready" ] || { cat "$work/xvfb.log"; fail "Xvfb :$n did not answer within 30 s"; }
[ -e "$root/tmp/.X11-unix/X$n" ] || fail "the display's socket is not visible inside the root"
# As the desktop entry starts it for a .concord file opened in the file manager.
chroot "$root" env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY=":$n" \
  concord-desktop /root/x.concord > "$work/app.log" 2>&1 &
app=$!
title=""
for _ in $(seq 60); do
  title=$(DISPLAY=":$n" xwininfo -root -tree 2>/dev/null | grep -o '"Concord[^"]*"' | head -1 || true)
  [ -n "$title" ] && break
  kill -0 "$app" 2>/dev/null || { cat "$work/app.log" "$work/xvfb.log"; fail "the installed window exited"; }
  sleep 0.5
done
[ -n "$title" ] || { cat "$work/app.log"; fail "no window titled Concord within 30 s"; }
echo "window: $title"
sleep 3
DISPLAY=":$n" import -window root "$work/window.png"
colours=$(identify -format %k "$work/window.png")
[ "$colours" -gt 50 ] || fail "the window's screenshot has $colours colours: nothing drawn"
echo "screenshot: $work/window.png ($colours colours)"
echo "clean-root install test: passed"
