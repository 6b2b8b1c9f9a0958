#!/usr/bin/env bash
# Runs the benchmarks by hand, records their results as docs/benchmarks/*.csv and draws
# docs/benchmarks/benchmarks.svg from them (java scripts/BenchmarkChart.java). Never run by CI.
#
#   scripts/run-benchmarks.sh [--quick] SUITE...
#
# SUITE: topic, codec, client, broker, sink (the sink task in-process), connect-sink and
# connect-source (the connectors on a real Connect worker), camel, chart (only redraw the SVG), or
# all. The SVG is redrawn at the end of every run. --quick runs tiny sizes, to check the script,
# not to measure. BENCH_OUT=DIR writes results and the SVG there instead of docs/benchmarks.
# Needs JDK 17, Maven (it builds the benchmarks jar when missing) and, for all but topic and
# codec, Mosquitto (apt-get install mosquitto). Each suite takes minutes: leave the machine idle.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
if [ "${1:-}" = "--quick" ]; then QUICK=true; shift; fi
if [ $# -eq 0 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
OUT="${BENCH_OUT:-docs/benchmarks}"
JAR=benchmarks/target/benchmarks.jar
JAVA=(java -Duser.language=en -Duser.country=US)
WORK=$(mktemp -d)
chmod 755 "$WORK" # Mosquitto started as root reads its config as user mosquitto
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

build() {
  if [ ! -f "$JAR" ]; then
    mvn -B -q -pl benchmarks -am package -DskipTests -P'!fuzz'
  fi
}

mosquitto_bin() {
  if command -v mosquitto >/dev/null 2>&1; then command -v mosquitto
  elif [ -x /usr/sbin/mosquitto ]; then echo /usr/sbin/mosquitto
  else echo "Mosquitto is needed: sudo apt-get install -y mosquitto" >&2; exit 1
  fi
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

wait_for_port() {
  local port=$1 tries=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then echo "nothing listens on port $port after 30 s" >&2; exit 1; fi
    sleep 0.1
  done
}

# start_mosquitto PORT [CONFIG_LINE...]: starts Mosquitto in the background on 127.0.0.1:PORT.
start_mosquitto() {
  local port=$1
  shift
  { echo "listener $port 127.0.0.1"; echo "allow_anonymous true"; printf '%s\n' "$@"; } \
      >"$WORK/mosquitto.conf"
  chmod 644 "$WORK/mosquitto.conf"
  "$(mosquitto_bin)" -c "$WORK/mosquitto.conf" >"$WORK/mosquitto.log" 2>&1 &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  wait_for_port "$port"
}

stop_broker() {
  kill "$BROKER_PID" 2>/dev/null || true
  wait "$BROKER_PID" 2>/dev/null || true
}

# header FILE TITLE UNIT BETTER COMMAND: starts a result file.
header() {
  {
    echo "# title: $2"
    echo "# unit: $3"
    echo "# better: $4"
    echo "# command: $5"
    echo "# recorded: $(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)$($QUICK && echo ', --quick sizes: not a measurement' || true)"
    echo "case,series,value"
  } >"$1"
}

# jmh PATTERN RAW FILE TITLE UNIT BETTER: runs the JMH benchmarks matching PATTERN with their
# results as CSV in RAW, and starts the result FILE.
jmh() {
  local args="-f 1 -wi 3 -i 5 -w 2s -r 3s"
  if $QUICK; then args="-f 1 -wi 0 -i 1 -r 1s"; fi
  # shellcheck disable=SC2086
  "${JAVA[@]}" -jar "$JAR" "$1" $args -prof gc -rf csv -rff "$2"
  header "$3" "$4" "$5" "$6" "java -jar $JAR '$1' $args -prof gc"
}

suite_topic() {
  local raw="$WORK/topic.jmh.csv" file="$OUT/topic.csv"
  jmh TopicMatching "$raw" "$file" "Topic matching: 100,000 subscriptions, 4,096 topics" \
      "matches/s" higher
  # JMH writes CRLF line ends.
  awk -F, '{ sub(/\r$/, "") } NR > 1 { gsub(/"/, ""); n = split($1, name, "."); score[name[n]] = $5 }
    END {
      printf "match one topic,ours SubscriptionTree.match (visitor),%.0f\n", score["ourTreeVisit"]
      printf "match one topic,ours SubscriptionTree.matchAll (list),%.0f\n", score["ourTreeMatch"]
      printf "match one topic,Moquette 0.17 CTrieSubscriptionDirectory,%.0f\n", score["moquetteMatch"]
    }' "$raw" >>"$file"
}

suite_codec() {
  local raw="$WORK/codec.jmh.csv" file="$OUT/codec.csv"
  jmh codec "$raw" "$file" "PUBLISH codec: ours vs Netty codec-mqtt 4.2.18" \
      "CPU ns per operation" lower
  # The benchmark thread's CPU time per call (secondary results cpuNanos and calls): stable on a
  # shared machine where wall-clock throughput swings.
  awk -F, '
    { sub(/\r$/, "") }
    NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); column[$i] = i }; next }
    {
      gsub(/"/, "")
      n = split($1, name, "."); split(name[n], part, ":")
      if (part[2] == "") next
      key = part[1] SUBSEP $(column["Param: version"]) SUBSEP $(column["Param: payloadSize"])
      value[key, part[2]] = $5
    }
    END {
      split("decode encode", ops, " "); split("3.1.1 5", versions, " "); split("16 4096", sizes, " ")
      split("Ours Netty", impls, " "); label["Ours"] = "ours"; label["Netty"] = "Netty"
      for (o = 1; o <= 2; o++) for (v = 1; v <= 2; v++) for (s = 1; s <= 2; s++) for (m = 1; m <= 2; m++) {
        key = ops[o] impls[m] SUBSEP versions[v] SUBSEP sizes[s]
        size = sizes[s] == 16 ? "16 B" : "4 KiB"
        printf "%s %s %s,%s,%.0f\n", ops[o], versions[v], size, label[impls[m]],
            value[key, "cpuNanos"] / value[key, "calls"]
        # Like for like on 4 KiB: Netty decode plus the payload copy an application needs.
        copy = "decodeNettyCopyingPayload" SUBSEP versions[v] SUBSEP sizes[s]
        if (ops[o] == "decode" && impls[m] == "Netty" && sizes[s] == 4096 && value[copy, "calls"])
          printf "decode %s 4 KiB,Netty + copy,%.0f\n", versions[v],
              value[copy, "cpuNanos"] / value[copy, "calls"]
      }
    }' "$raw" >>"$file"
}

suite_client() {
  local args warmups=2 out="$WORK/client.txt"
  if $QUICK; then args="5000 64 100 200 1"; warmups=0; else args="50000 64 100 2000 3"; fi
  # Two full-size warm-up rounds per client and QoS: shorter ones leave the JIT compiling.
  # shellcheck disable=SC2086
  "${JAVA[@]}" -Dclient.warmups="$warmups" -cp "$JAR" dev.mqttbridge.benchmarks.client.ClientBenchmark $args \
      | tee "$out"
  header "$OUT/client-throughput.csv" "MQTT client publish throughput through Mosquitto 2.0.11" \
      "msg/s" higher "java -Dclient.warmups=$warmups -cp $JAR dev.mqttbridge.benchmarks.client.ClientBenchmark $args"
  header "$OUT/client-latency.csv" "MQTT client 1-to-1 latency through Mosquitto 2.0.11 (QoS 1)" \
      "µs" lower "java -Dclient.warmups=$warmups -cp $JAR dev.mqttbridge.benchmarks.client.ClientBenchmark $args"
  # The printed table, read by its column names: | client | QoS 0 msg/s | ... | latency p99 µs |
  grep '^| ' "$out" | tr -d ',' | sed 's/ *| */|/g' | awk -F'|' -v rates="$OUT/client-throughput.csv" \
      -v latency="$OUT/client-latency.csv" '
    $2 == "client" { for (i = 3; i < NF; i++) column[$i] = i; next }
    $2 ~ /^-+$/ { next }
    {
      for (q = 0; q <= 2; q++) row[q] = sprintf("QoS %d,%s,%s", q, $2, $(column["QoS " q " msg/s"]))
      p50[++n] = sprintf("p50,%s,%s", $2, $(column["latency p50 µs"]))
      p99[n] = sprintf("p99,%s,%s", $2, $(column["latency p99 µs"]))
      for (q = 0; q <= 2; q++) byQos[q] = byQos[q] row[q] "\n"
    }
    END {
      if (!column["QoS 0 msg/s"] || !column["latency p99 µs"]) {
        print "ClientBenchmark table without the columns this script reads" > "/dev/stderr"; exit 1
      }
      for (q = 0; q <= 2; q++) printf "%s", byQos[q] >> rates
      for (i = 1; i <= n; i++) print p50[i] >> latency
      for (i = 1; i <= n; i++) print p99[i] >> latency
    }'
}

suite_broker() {
  local runs=2 shapes="1x1:200000 10x10:20000" file="$OUT/broker.csv" run mode
  local warmups="-Dload.warmups=2"
  if $QUICK; then runs=1; shapes="1x1:2000 10x10:500"; warmups="-Dload.warmups=0"; fi
  local command="java $warmups -Dload.flush=MODE -cp $JAR dev.mqttbridge.benchmarks.broker.LoadComparison 1 256 100 $shapes"
  header "$file" "Broker load: QoS 1, 256-byte payloads, 100 inflight per publisher" "msg/s" higher \
      "$command; MODE each (a flush per PUBLISH) and burst (a flush when the window is full); $runs runs each"
  for mode in each burst; do
    for run in $(seq 1 "$runs"); do
      # LoadComparison starts each broker afresh per shape (ours, Mosquitto, Moquette in their own
      # processes) and ends with a table: | 1 -> 1 | ours | 29,363 | p50 | p99 | p99.9 | received |
      # shellcheck disable=SC2086
      "${JAVA[@]}" $warmups -Dload.flush=$mode -cp "$JAR" \
          dev.mqttbridge.benchmarks.broker.LoadComparison 1 256 100 $shapes | tee "$WORK/broker.txt"
      # A run that lost messages shows "incomplete: N of M" instead of a rate: left out, and said.
      grep '^| [0-9]' "$WORK/broker.txt" | tr -d ',' | sed 's/ *| */|/g' \
          | awk -F'|' -v run="$run" -v mode="$mode" '
            $4 ~ /^[0-9.]+$/ { printf "%s flush %s (run %d),%s,%s\n", $2, mode, run, $3, $4; next }
            { printf "left out of the chart: %s, %s, flush %s, run %d: %s\n", $2, $3, mode, run, $4 > "/dev/stderr" }' \
          >>"$file"
    done
  done
}

# connect_suite CLASS FILE TITLE SED: runs a connector benchmark on a real Connect worker and
# turns its last line ("... median of N: ...") into rows with the sed expression SED.
connect_suite() {
  local args="200000 5" line
  if $QUICK; then args="5000 1"; fi
  # shellcheck disable=SC2086
  line=$("${JAVA[@]}" -cp "$JAR" "dev.mqttbridge.benchmarks.connect.$1" $args \
      | tee /dev/stderr | grep 'median of')
  header "$2" "$3" "messages/s" higher "java -cp $JAR dev.mqttbridge.benchmarks.connect.$1 $args"
  echo "$line" | sed -n "$4" >>"$2"
}

suite_connect_sink() {
  connect_suite ConnectSinkBenchmark "$OUT/connect-sink.csv" \
      "Sink connector on a real Connect worker vs the raw client publish (QoS 1)" \
      's/.* raw client \([0-9.]*\) msg\/s, sink connector \([0-9.]*\) records\/s.*/Kafka -> MQTT,raw client publish,\1\nKafka -> MQTT,sink connector,\2/p'
}

suite_connect_source() {
  connect_suite ConnectSourceBenchmark "$OUT/connect-source.csv" \
      "Source connector on a real Connect worker vs its raw limits (QoS 1)" \
      's/.* our client subscribing \([0-9.]*\) msg\/s, Kafka producer \([0-9.]*\) records\/s, source connector \([0-9.]*\) records\/s.*/MQTT -> Kafka,our client subscribing alone,\1\nMQTT -> Kafka,Kafka producer alone,\2\nMQTT -> Kafka,source connector,\3/p'
}

suite_camel() {
  local args="200000 5 2 64 1000" invocations=3 rates="$OUT/camel.csv" cpu="$OUT/camel-cpu.csv"
  if $QUICK; then args="2000 1 0 64 1000"; invocations=1; fi
  local command="java -cp $JAR dev.mqttbridge.benchmarks.camel.CamelConsumerBenchmark $args"
  header "$rates" "Camel consumer: QoS 1 from a queued session through Mosquitto 2.0.11" \
      "median msg/s" higher "$command; $invocations invocations"
  header "$cpu" "Camel consumer: CPU time of the consumer's JVM per message" "µs" lower \
      "$command; $invocations invocations"
  for run in $(seq 1 "$invocations"); do
    # shellcheck disable=SC2086
    "${JAVA[@]}" -cp "$JAR" dev.mqttbridge.benchmarks.camel.CamelConsumerBenchmark $args \
        | tee "$WORK/camel.txt"
    # | component | median msg/s | best | worst | vs paho | median incl. route stop | vs paho
    # | median CPU µs/msg | Mosquitto busy | messages missing |; NaN: a side without figures
    if ! grep -q '^| component | median msg/s .* | median CPU µs/msg' "$WORK/camel.txt"; then
      echo "CamelConsumerBenchmark's table no longer has the columns this script reads" >&2
      exit 1
    fi
    grep '^| camel' "$WORK/camel.txt" | tr -d ',' | sed 's/ *| */|/g' > "$WORK/camel.rows"
    awk -F'|' -v run="$run" '$3 != "NaN" { printf "invocation %d,%s,%s\n", run, $2, $3 }
        $2 ~ /ours/ && $7 != "NaN" {
          printf "invocation %d,ours incl. route stop (every PUBACK read by Mosquitto),%s\n", run, $7
        }
        $2 ~ /paho/ && $7 != "NaN" {
          printf "invocation %d,paho incl. route stop,%s\n", run, $7
        }' "$WORK/camel.rows" >>"$rates"
    awk -F'|' -v run="$run" '$9 != "NaN" { printf "invocation %d,%s,%s\n", run, $2, $9 }' \
        "$WORK/camel.rows" >>"$cpu"
  done
  if ! grep -q '^invocation' "$rates"; then
    echo "CamelConsumerBenchmark gave no figures (see its output above)" >&2
    exit 1
  fi
}

suite_sink() {
  local records=200000 rounds=3 file="$OUT/sink.csv" port line
  if $QUICK; then records=20000; rounds=1; fi
  header "$file" "Sink connector task vs the raw client (QoS 1, 100-byte payloads)" "messages/s" \
      higher "java -cp $JAR dev.mqttbridge.benchmarks.connect.SinkThroughputBenchmark embedded|tcp://127.0.0.1:PORT $records $rounds"
  for target in embedded mosquitto; do
    local uri=embedded name="embedded broker"
    if [ "$target" = mosquitto ]; then
      port=$(free_port)
      start_mosquitto "$port" "max_inflight_messages 500" "max_queued_messages 0"
      uri="tcp://127.0.0.1:$port"
      name="Mosquitto 2.0.11"
    fi
    line=$("${JAVA[@]}" -cp "$JAR" dev.mqttbridge.benchmarks.connect.SinkThroughputBenchmark \
        "$uri" "$records" "$rounds" | tee /dev/stderr | grep '^broker ')
    if [ "$target" = mosquitto ]; then stop_broker; fi
    echo "$line" | sed -n "s/.* raw \([0-9.]*\) msg\/s, sink \([0-9.]*\) records\/s.*/$name,raw client,\1\n$name,sink task,\2/p" >>"$file"
  done
}

chart() {
  local files=()
  for name in topic codec client-throughput client-latency broker sink connect-sink connect-source \
      camel camel-cpu; do
    if [ -f "$OUT/$name.csv" ]; then files+=("$OUT/$name.csv"); fi
  done
  java scripts/BenchmarkChart.java "$OUT/benchmarks.svg" "${files[@]}"
}

suites=("$@")
if [ "${suites[0]}" = all ]; then
  suites=(topic codec client broker sink connect-sink connect-source camel)
fi
for suite in "${suites[@]}"; do
  case "$suite" in
    topic|codec|client|broker|sink|camel) build; "suite_$suite" ;;
    connect-sink|connect-source) build; "suite_${suite//-/_}" ;;
    chart) ;;
    *) echo "unknown suite: $suite (see the top of $0)" >&2
      exit 2 ;;
  esac
done
chart
