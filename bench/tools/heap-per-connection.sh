#!/usr/bin/env bash
# Live heap per idle WebSocket connection, measured as a slope, with full class histograms kept as evidence.
#
#   bench/tools/heap-per-connection.sh OUT_DIR [WARM] [COUNT] [WAR] [PRE_BOOT_FILE] [-- extra JVM options]
#
# Starts Payara Micro with the WAR (default target/herald.war) the way bench/run does (-Xms1g -Xmx1g, --nocluster,
# context root /, the given pre-boot file, default server-config/pre-boot-commands.txt), opens WARM (default 1,000)
# idle /notifications connections with the load generator's worker so that Payara's HTTP worker pool has grown,
# takes a live-heap histogram (jcmd GC.class_histogram runs a full GC first), opens COUNT (default 3,000) more and
# takes another. Per connection = (second total - first total) / COUNT; OUT_DIR/diff.txt lists it class by class.
# HEAPDUMP=1 also writes OUT_DIR/held.hprof (about 250 MB) for bench/tools/hprof-owners.py.
# Needs bench/loadgen built (mvn -f bench/pom.xml package) and a JDK 21+ as JAVA_HOME. Loopback only, and every
# process it starts ends within 10 minutes.
set -euo pipefail
bench="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(dirname "$bench")"
out=$1; warm=${2:-1000}; count=${3:-3000}; war=${4:-$repo/target/herald.war}
preboot=${5:-$repo/server-config/pre-boot-commands.txt}
shift $(( $# < 5 ? $# : 5 )); [ "${1:-}" = "--" ] && shift
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java"
jcmd="$JAVA_HOME/bin/jcmd"
mkdir -p "$out"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

timeout 600 "$java" -Xms1g -Xmx1g --sun-misc-unsafe-memory-access=allow "$@" -jar "$repo/target/payara-micro.jar" \
    --nocluster --port "$port" --prebootcommandfile "$preboot" --contextroot / --deploy "$war" > "$out/payara.log" 2>&1 &
launcher=$!
cleanup() { kill "${pids[@]}" 2>/dev/null || true; }
pids=($launcher); trap cleanup EXIT
for _ in $(seq 1 360); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/registry" | grep -q -E '200|401|403' && break
    sleep 0.5
done
payara=$(pgrep -P "$launcher" java)
pids+=($payara)

worker() { # name count source-address
    mkfifo "$out/$1.in"
    timeout 300 "$java" -Xms256m -Xmx768m -XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow \
        --enable-native-access=ALL-UNNAMED -cp "$bench/loadgen/target/loadgen.jar" dev.herald.bench.Main worker \
        --uri "ws://127.0.0.1:$port/notifications" --count "$2" --sources "$3" --concurrency 200 \
        --handshake-ms 20000 --max-seconds 280 < "$out/$1.in" > "$out/$1.out" 2> "$out/$1.err" &
    pids+=($!)
}
ready() { for _ in $(seq 1 1200); do grep -q READY "$out/$1.out" && return; sleep 0.25; done; }
cpu() { awk '{print $14 + $15}' "/proc/$payara/stat"; }

worker warm "$warm" 127.0.0.11; exec 7> "$out/warm.in"; ready warm; sleep 3
"$jcmd" "$payara" GC.class_histogram > "$out/before.txt"
started=$(date +%s.%N); cpu0=$(cpu)
worker held "$count" 127.0.0.12; exec 8> "$out/held.in"; ready held
ended=$(date +%s.%N); cpu1=$(cpu); sleep 3
"$jcmd" "$payara" GC.class_histogram > "$out/with.txt"
if [ -n "${HEAPDUMP:-}" ]; then "$jcmd" "$payara" GC.heap_dump "$out/held.hprof" > /dev/null; fi
threads=$("$jcmd" "$payara" Thread.print | grep -c '^"http-thread-pool' || true)
echo CLOSE >&7; echo CLOSE >&8; exec 7>&- 8>&-
sleep 2; rm -f "$out"/*.in
opened=$(awk '/READY/ {print $2}' "$out/held.out")
{
    echo "$(basename "$war"): $warm connections first, then $opened more in $(python3 -c "print(round($ended - $started, 1))") s" \
        "($(python3 -c "print(round(($cpu1 - $cpu0) / 100 / $opened * 1e6))") us of Payara CPU each); $threads HTTP worker threads"
    python3 "$bench/tools/histogram-diff.py" "$out/before.txt" "$out/with.txt" "$opened"
} > "$out/diff.txt"
head -3 "$out/diff.txt"
