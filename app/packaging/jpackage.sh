#!/usr/bin/env bash
# Builds the console as a Linux application: an app image (its own Java runtime, no JDK needed on the user's
# machine) and a .deb with a desktop entry, both from jpackage. Run through Maven, which passes the paths:
#   ./mvnw -q -pl app -am -DskipTests -Ppackage package
# Output: app/target/jpackage/nutrisage-console/ (bin/nutrisage-console) and app/target/jpackage/*.deb.
# jpackage's .deb needs dpkg-deb and fakeroot (Debian packages); as root they are installed when missing.
set -euo pipefail

target="${1:?target directory}"
version="${2:?project version}"
java_home="${3:?JDK home}"
icon="${4:?icon png}"

jpackage="$java_home/bin/jpackage"
[[ -x "$jpackage" ]] || { echo "jpackage: $jpackage not found: the JDK running Maven must have jpackage (JDK 21+)" >&2; exit 1; }

# Debian versions and jpackage's --app-version take digits and dots only: 0.1.0-SNAPSHOT becomes 0.1.0.
app_version="${version%%-*}"
input="$target/jpackage-input"
out="$target/jpackage"
rm -rf "$out"
mkdir -p "$out"
cp "$target/app-$version.jar" "$input/"

# The runtime's modules: what jdeps finds the console and its libraries use (the sandbox's front needs
# jdk.httpserver, JavaFX and the signal handling jdk.unsupported), plus modules reached only through service
# loading, which jdeps cannot see: TLS ciphers to AWS (jdk.crypto.ec), locales, charsets, the zip file system.
jdeps="$java_home/bin/jdeps"
found="$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 \
  --class-path "$input/*" "$input/app-$version.jar" | tail -n 1)"
[[ "$found" == java.base* ]] || { echo "jpackage: jdeps did not list the modules: $found" >&2; exit 1; }
modules="$found,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs"
echo "jpackage: runtime modules $modules"

common=(
  --name nutrisage-console
  --app-version "$app_version"
  --vendor "NutriSage"
  --description "Rehearse, drive and prove the autoscaling of the NutriSage inference service"
  --copyright "Contains data from Open Food Facts (ODbL v1.0)"
  --icon "$icon"
)

echo "jpackage: app image"
"$jpackage" --type app-image --dest "$out" "${common[@]}" \
  --input "$input" --main-jar "app-$version.jar" --main-class io.nutrisage.app.Main \
  --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options "-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"

if ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v fakeroot >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "jpackage: installing dpkg-deb and fakeroot (Debian's dpkg and fakeroot) for the .deb"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg fakeroot >/dev/null
  else
    echo "jpackage: the .deb needs dpkg-deb and fakeroot: apt-get install dpkg fakeroot (the app image is built)" >&2
    exit 1
  fi
fi

echo "jpackage: .deb"
"$jpackage" --type deb --dest "$out" "${common[@]}" \
  --app-image "$out/nutrisage-console" \
  --linux-package-name nutrisage-console --linux-app-category science \
  --linux-menu-group "Development;Monitor" --linux-shortcut \
  --linux-deb-maintainer "maintainers@nutrisage.example" \
  --linux-package-deps "libgtk-3-0"

ls -l "$out"
