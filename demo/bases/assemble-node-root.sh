#!/bin/sh
# Copies node, its shared-library closure, npm and a busybox userland into $1.
set -eu
out=$1
mkdir -p "$out/bin" "$out/usr/bin" "$out/etc/ssl/certs" "$out/tmp" "$out/root" "$out/home/node"
chmod 1777 "$out/tmp"
cp /bin/busybox "$out/bin/busybox"
# npm-cli.js starts with #!/usr/bin/env node
ln -s ../../bin/busybox "$out/usr/bin/env"
for applet in $(/bin/busybox --list); do
  [ -e "$out/bin/$applet" ] || ln -s busybox "$out/bin/$applet"
done
cp -L /usr/bin/node "$out/usr/bin/node"
ldd /usr/bin/node | awk '/=>/ { print $3 } /ld-linux/ { print $1 }' | while read -r lib; do
  [ -n "$lib" ] && cp -L --parents "$lib" "$out"
done
# npm and the node modules Debian splits it into, on node's global paths
for dir in /usr/share/nodejs /usr/lib/nodejs /usr/lib/x86_64-linux-gnu/nodejs; do
  [ -d "$dir" ] && cp -a --parents "$dir" "$out"
done
ln -s ../share/nodejs/npm/bin/npm-cli.js "$out/usr/bin/npm"
ln -s ../share/nodejs/npm/bin/npx-cli.js "$out/usr/bin/npx"
cp /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/"
cat > "$out/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/bin/sh
node:x:1000:1000:node:/home/node:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$out/etc/group" <<GROUP
root:x:0:
node:x:1000:
nogroup:x:65534:
GROUP
chown 1000:1000 "$out/home/node"
