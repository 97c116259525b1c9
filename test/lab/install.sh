#!/bin/sh
# Installs what the cosi lab needs on a Debian/Ubuntu machine (CI calls this).
# Idempotent: apt-get skips what is already installed. Needs root.
set -eu
if [ "$(id -u)" != 0 ]; then
  echo "test/lab/install.sh: run as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
PKGS="docker.io iptables containerd podman tmux openssh-server openssh-client busybox-static debootstrap sudo dash procps util-linux e2fsprogs mount tar fonts-dejavu-core ca-certificates"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi
# the lab starts its own dockerd instances; a distro-started one is not needed
getent group docker >/dev/null || groupadd --system docker
echo "test/lab/install.sh: ok"
