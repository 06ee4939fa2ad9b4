#!/usr/bin/env bash
# `npm run test:container`: builds the image from this checkout's Dockerfile and checks it
# (*.container.ts here, with the vitest.config.ts beside this script). Needs root, and
# PostgreSQL at 127.0.0.1:5432 for the PostgreSQL half (DOJANG_TEST_REQUIRE_POSTGRES=1 makes
# its absence a failure, as in `npm test`).
#
# These machines have no Docker engine and cannot pull images: podman builds and runs it, on a
# local stand-in for node:20-bookworm-slim made by ../shared/container/make-node-base.sh beside
# the checkout (../shared/container/README.md). The Dockerfile is what users build elsewhere.
#
#   DOJANG_CONTAINER_WORK  podman's configuration, the base's root file system, the npm cache
#                          (default /tmp/dojang-container; kept between runs)
#   DOJANG_IMAGE           the tag to build (default localhost/dojang:test)
#   DOJANG_REBUILD_BASE=1  make the stand-in base again even when it is there
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
work=${DOJANG_CONTAINER_WORK:-/tmp/dojang-container}
export DOJANG_IMAGE=${DOJANG_IMAGE:-localhost/dojang:test}
export DOJANG_BASE_IMAGE=docker.io/library/node:20-bookworm-slim
export CONTAINERS_CONF=$work/containers.conf
mkdir -p "$work"
began=$SECONDS

# The npm cache the build borrows is warmed meanwhile: npm inside a build on this machine can
# fail on its registry's certificate (../shared/container/README.md).
warm=$(mktemp -d)
cp package.json package-lock.json "$warm/"
(cd "$warm" && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --cache "$work/npm-cache" >"$work/warm-cache.log" 2>&1) &
warming=$!

echo "== the base: a stand-in for $DOJANG_BASE_IMAGE"
if [ "${DOJANG_REBUILD_BASE:-}" != 1 ] && [ -f "$CONTAINERS_CONF" ] && command -v podman >/dev/null \
  && podman --runtime runc image exists "$DOJANG_BASE_IMAGE"; then
  echo "already built (DOJANG_REBUILD_BASE=1 to make it again)"
else
  bash "$root/../shared/container/make-node-base.sh" "$work"
fi
wait "$warming" || { cat "$work/warm-cache.log"; echo "warming the npm cache failed" >&2; exit 1; }
rm -rf "$warm"

echo "== building $DOJANG_IMAGE"
build_began=$SECONDS
podman --runtime runc build --pull=never --network=host --format docker \
  -v "$work/npm-cache:/root/.npm" -t "$DOJANG_IMAGE" . >"$work/build.log" 2>&1 \
  || { tail -n 60 "$work/build.log"; echo "the build failed; its log: $work/build.log" >&2; exit 1; }
echo "built in $((SECONDS - build_began)) s (log: $work/build.log)"

echo "== checks"
checks_began=$SECONDS
npx vitest run --config test/container/vitest.config.ts
echo "checks took $((SECONDS - checks_began)) s; all of test:container $((SECONDS - began)) s"
