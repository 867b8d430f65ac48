# Sourced by the scripts: puts the Swift toolchain on PATH when it is installed
# where the swift.org tarball or this project's machines put it.
for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
  if ! command -v swift >/dev/null 2>&1 && [ -x "$dir/swift" ]; then
    export PATH="$dir:$PATH"
  fi
done
