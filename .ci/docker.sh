#!/usr/bin/env bash
# CI for bcmock's Docker side, run on a clean clone after .ci/run: make sure
# a Docker engine runs, build the image (make image), run the
# testcontainers module's tests against it (they fail, not skip, without
# Docker here), and print the image size and the container's
# start-to-healthy time.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export GOFLAGS=-count=1 # never report cached test results
IMAGE="${IMAGE:-bcmock:dev}"

echo "== docker engine"
if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    apt-get update
    apt-get install -y docker.io
  fi
  echo "starting dockerd (log: /tmp/dockerd.log)"
  dockerd >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then break; fi
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    echo "the Docker engine did not start; last lines of /tmp/dockerd.log:"
    tail -n 30 /tmp/dockerd.log || true
    exit 1
  fi
fi
docker version --format 'client {{.Client.Version}}, engine {{.Server.Version}} (API {{.Server.APIVersion}})'

echo "== make image"
make image IMAGE="$IMAGE"
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")

echo "== testkit/container: vet and tests (Docker required)"
(
  cd testkit/container
  go vet ./...
  TESTCONTAINERS_RYUK_DISABLED=true BCMOCK_REQUIRE_DOCKER=1 BCMOCK_IMAGE="$IMAGE" go test -race ./...
)

echo "== start-to-healthy: docker run until bcmock healthcheck answers on the published port"
bin="bin/linux-$(go env GOARCH)/bcmock" # the host binary make image built
cid=""
trap 'if [ -n "$cid" ]; then docker rm -f "$cid" >/dev/null 2>&1 || true; fi' EXIT
times=()
for _ in 1 2 3 4 5; do
  t0=$(date +%s%N)
  cid=$(docker run -d -p 127.0.0.1::8080 "$IMAGE")
  port=$(docker port "$cid" 8080/tcp | head -n 1 | sed 's/.*://')
  ok=""
  for _ in $(seq 1 1000); do
    if "$bin" healthcheck --addr "127.0.0.1:$port" --timeout 200ms >/dev/null 2>&1; then ok=1; break; fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  docker rm -f "$cid" >/dev/null
  cid=""
  if [ -z "$ok" ]; then echo "the container never got healthy"; exit 1; fi
  times+=($(( (t1 - t0) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)

echo "== start-to-healthy: testcontainers (container.Run, wait strategy on /__bcmock/health)"
bench=$(cd testkit/container && TESTCONTAINERS_RYUK_DISABLED=true BCMOCK_REQUIRE_DOCKER=1 BCMOCK_IMAGE="$IMAGE" \
  go test -run '^$' -bench '^BenchmarkRun$' -benchtime 10x . 2>/dev/null | grep -E '^BenchmarkRun' || true)
echo "$bench"
tc_ms=$(echo "$bench" | awk '{ for (i = 1; i <= NF; i++) if ($(i+1) == "ns/op") printf "%d", $i / 1000000 }')

echo "== summary"
echo "image $IMAGE: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1000000 }'))"
echo "start-to-healthy, docker run: median ${median} ms of 5 (${sorted% }ms)"
echo "start-to-healthy, testcontainers Run: ${tc_ms:-?} ms per run (mean of 10)"
