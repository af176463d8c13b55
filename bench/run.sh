#!/usr/bin/env bash
# Runs every plexauth benchmark side by side with its baseline and writes docs/benchmarks.md.
#
#   bench/run.sh            build, measure (about 25 minutes on 2 cores), write the page
#   BENCH_SKIP_BUILD=1 bench/run.sh     reuse the jars already in plexauth-cli/target and bench/target
#   BENCH_REPS=1 BENCH_HTTP_WARMUP=2 BENCH_HTTP_SECONDS=3 BENCH_SIGNIN_WARMUP=2 BENCH_SIGNIN_SECONDS=3 BENCH_STARTS=2 \
#     BENCH_JMH_ITERATIONS=1 BENCH_SCALE_ACCOUNTS=2000 BENCH_SCALE_TOKENS=20000 bench/run.sh
#                           every step once, quickly (about 9 minutes): a check of the script, not of plexauth
#
# What runs (all on loopback, every loop bounded in time):
#   1. wrk, 64 keep-alive connections: `plexauth serve` started as the README starts it (`./plexauth serve`, the
#      launcher with its default JVM options and class-data archive) against BareServer, a bare Javalin route
#      with a fixed body of the same size in a JVM started with the same options. CPU per request and p99 too.
#      Every GET route that reads a token (but /devices.xml, the older XML twin of /api/v2/devices) with the
#      owner's account token, and /api/v2/user once more with a Plex JWT that `plexauth signin --jwt` gets from
#      the server (the JWT device-key flow).
#   2. wrk, 16 and 1 sign-in clients against SignInServer (the embedded server with the per-address limit
#      raised), and JMH PasswordVerifyBenchmark, one Argon2id verification, on one thread and on all cores.
#   3. JMH TokenDetailsBenchmark (plexauth-sdk, raw JDK HttpClient, Apache HttpClient 5, in rotating order) and
#      plexjs 0.32.1 on Node, all against the `plexauth serve` process of item 1 (run before item 1's load).
#   4. `plexauth serve` and BareServer: time to first answered request over several starts; VmRSS and VmHWM
#      after item 1.
#   5. Scale: FillDatabase fills SQLite (and PostgreSQL, started here from Debian's packages, when initdb is
#      installed) with 100,000 accounts and 1,000,000 account tokens, and a second database with 10 of each;
#      item 1's first three routes on the large one against the small one, and sign-in with 100,000 accounts.
#
# Raw results go to bench/target/results; dev.plexauth.bench.Report turns them into the page.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# Durations (seconds) and repetitions; each figure is the median of REPS runs, with min and max.
REPS=${BENCH_REPS:-3}
HTTP_WARMUP=${BENCH_HTTP_WARMUP:-6}
HTTP_SECONDS=${BENCH_HTTP_SECONDS:-8}
SIGNIN_WARMUP=${BENCH_SIGNIN_WARMUP:-5}
SIGNIN_SECONDS=${BENCH_SIGNIN_SECONDS:-8}
STARTS=${BENCH_STARTS:-5}
JMH_ITERATIONS=${BENCH_JMH_ITERATIONS:-5}
CONNECTIONS=64
SIGNIN_CLIENTS=16
# Item 5: the large database and the small one it is compared with.
SCALE_ACCOUNTS=${BENCH_SCALE_ACCOUNTS:-100000}
SCALE_TOKENS=${BENCH_SCALE_TOKENS:-1000000}
SMALL_ACCOUNTS=10
SMALL_TOKENS=10
WRK_THREADS=$(nproc)

results="$root/bench/target/results"
work="$root/bench/target/work"
cli_jar="$root/plexauth-cli/target/plexauth.jar"
bench_jar="$root/bench/target/plexauth-bench.jar"
export BENCH_WRK_DIR="$root/bench/wrk"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------------
# Tools and jars

if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  log "installing wrk and curl (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
command -v node >/dev/null 2>&1 || { echo "bench: node is needed for the plexjs figure" >&2; exit 1; }
if [ ! -d plexauth-conformance/src/test/node/plexjs/node_modules/@lukehagar/plexjs ]; then
  log "npm ci in plexauth-conformance/src/test/node/plexjs"
  (cd plexauth-conformance/src/test/node/plexjs && npm ci --no-audit --no-fund >/dev/null)
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$cli_jar" ] || [ ! -f "$bench_jar" ]; then
  log "building the jars"
  ./mvnw -B -q -DskipTests package >&2
fi

rm -rf "$results" "$work"
mkdir -p "$results" "$work"

# ---------------------------------------------------------------------------------------------------------------
# Processes: every process this script starts is recorded and stopped by its id on exit.

pids=()
pg_data=
cleanup() {
  for pid in "${pids[@]}"; do
    stop_process "$pid"
  done
  if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# Stops a process with SIGTERM, waiting up to $2 seconds (5 by default) before SIGKILL. `plexauth serve`
# gets 120: the launcher's first run of a command writes its class-data archive as the JVM exits.
stop_process() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(( ${2:-5} * 20 ))); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# A port nobody listens on, below the kernel's ephemeral range (so no client socket holds it).
free_port() {
  local port
  while :; do
    port=$((12000 + RANDOM % 18000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Nanoseconds, from bash itself (EPOCHREALTIME), without starting a process.
now_ns() { local t=${EPOCHREALTIME/./}; echo "${t}000"; }

# Polls until a GET of the URL gets any HTTP answer; prints the milliseconds since $2 (a now_ns value).
# Fails at once when process $3 has exited. Each try is bash's own /dev/tcp connection (on a descriptor of its
# own: fd 3 is the sign-in server's input) and each pause a read
# from a FIFO that times out, so the loop starts no process: 100 curl and sleep processes a second took a good
# part of a core on a 2-core machine, CPU the server being timed needed for its start.
wait_answer() {
  local url=$1 since=$2 pid=$3 hostport path host port line pause fifo conn
  local t=${EPOCHREALTIME/./}
  local deadline=$(( t * 1000 + 60000000000 ))
  hostport=${url#http://}
  path=/${hostport#*/}
  hostport=${hostport%%/*}
  host=${hostport%:*}
  port=${hostport##*:}
  fifo="$work/wait-answer.fifo"
  rm -f "$fifo"
  mkfifo "$fifo"
  exec {pause}<>"$fifo"
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: process $pid exited before $url answered (see bench/target/work)" >&2
      exec {pause}>&-
      return 1
    fi
    if { exec {conn}<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
      printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&"$conn"
      if IFS= read -r -t 2 line <&"$conn" && [[ $line == HTTP/* ]]; then
        t=${EPOCHREALTIME/./}
        exec {conn}<&-
        exec {pause}>&-
        echo $(( (t * 1000 - since) / 1000000 ))
        return 0
      fi
      exec {conn}<&-
    fi
    t=${EPOCHREALTIME/./}
    if [ $(( t * 1000 )) -gt "$deadline" ]; then
      echo "bench: no answer from $url within 60 s" >&2
      exec {pause}>&-
      return 1
    fi
    read -r -t 0.01 -u "$pause" line || true
  done
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# `plexauth serve` as the README starts it: the launcher, with its default JVM options (PLEXAUTH_JAVA_OPTS, when
# set, replaces them, as it does for a user). The launcher execs java, so $! is the JVM. The bare server and the
# sign-in server get the JVM options the first serve process ran with (read from /proc), less the class-data
# archive's, which belong to plexauth's own classes.
jvm_opts=()

start_serve() { # data_dir_or_jdbc_url port -> pid (stdout, stderr in $work)
  local where=(--data-dir "$1")
  [[ "$1" == jdbc:* ]] && where=(--db "$1")
  PLEXAUTH_ADMIN_LOGIN=admin PLEXAUTH_ADMIN_PASSWORD=bench-admin-password \
    "$root/plexauth" serve "${where[@]}" --port "$2" \
    >>"$work/serve.out" 2>>"$work/serve.err" &
  echo $!
}

launcher_jvm_opts() { # pid -> the JVM options of that java process, one a line, without the archive's
  tr '\0' '\n' <"/proc/$1/cmdline" | sed -n '2,$p' | sed '/^-jar$/,$d' \
    | grep -v -e '^-XX:SharedArchiveFile=' -e '^-XX:ArchiveClassesAtExit=' -e '^-Xlog:cds' || true
}

start_bare() { # port PATH=BYTES... -> pid
  java "${jvm_opts[@]}" -cp "$bench_jar" dev.plexauth.bench.BareServer "$@" \
    >>"$work/bare.out" 2>>"$work/bare.err" &
  echo $!
}

# ---------------------------------------------------------------------------------------------------------------
# The machine

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores=$(nproc)"
  echo "cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "java_vm=$(java -version 2>&1 | tail -1)"
  echo "node=$(node --version)"
  echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "plexauth_java_opts=${PLEXAUTH_JAVA_OPTS-(unset, so the launcher defaults)}"
  echo "reps=$REPS"
  echo "http_warmup=$HTTP_WARMUP"
  echo "http_seconds=$HTTP_SECONDS"
  echo "signin_warmup=$SIGNIN_WARMUP"
  echo "signin_seconds=$SIGNIN_SECONDS"
  echo "starts=$STARTS"
  echo "jmh_iterations=$JMH_ITERATIONS"
  echo "connections=$CONNECTIONS"
  echo "signin_clients=$SIGNIN_CLIENTS"
  echo "wrk_threads=$WRK_THREADS"
  echo "clk_tck=$(getconf CLK_TCK)"
  echo "scale_accounts=$SCALE_ACCOUNTS"
  echo "scale_tokens=$SCALE_TOKENS"
  echo "small_accounts=$SMALL_ACCOUNTS"
  echo "small_tokens=$SMALL_TOKENS"
} >"$results/machine.properties"
bench_started=$(now_ns)

# ---------------------------------------------------------------------------------------------------------------
# 1. Server throughput and p99: plexauth serve against the bare route

log "1. starting plexauth serve (first start: creates the owner; the launcher makes its class-data archive)"
rm -rf "$root/plexauth-cli/target/cds"
serve_dir="$work/serve-data"
serve_port=$(free_port)
t0=$(now_ns)
serve_pid=$(start_serve "$serve_dir" "$serve_port")
pids+=("$serve_pid")
serve_url="http://127.0.0.1:$serve_port"
wait_answer "$serve_url/api/v2/user" "$t0" "$serve_pid" >"$results/first-start-ms.txt"
while IFS= read -r option; do jvm_opts+=("$option"); done < <(launcher_jvm_opts "$serve_pid")
echo "jvm_opts=${jvm_opts[*]}" >>"$results/machine.properties"
log "1. JVM options of the launcher: ${jvm_opts[*]}"

"$root/plexauth" source add --data-dir "$serve_dir" --name Bench \
  --uri http://127.0.0.1:32400 server://bench-source >/dev/null
TOKEN=$(curl -s -X POST -H 'Accept: application/json' -H 'X-Plex-Client-Identifier: plexauth-bench' \
  --data 'login=admin&password=bench-admin-password' "$serve_url/api/v2/users/signin" \
  | sed -n 's/.*"authToken":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "bench: sign-in to plexauth serve failed" >&2; exit 1; }
export TOKEN

# The JWT sign-in runs against the first process: the measured one below signs no one in before item 1's load, so
# its memory is that of the token routes; the hashing memory one sign-in keeps is measured after the load.
log "1. a Plex JWT for the owner: plexauth signin --jwt (device key registered, nonce signed, JWT issued)"
cli_config="$work/cli/config.json"
printf '%s\n' bench-admin-password | "$root/plexauth" signin --server "$serve_url" --login admin \
  --password-stdin --jwt --config "$cli_config" >>"$work/cli.out" 2>>"$work/cli.err" \
  || { echo "bench: plexauth signin --jwt failed (see $work/cli.err)" >&2; exit 1; }
JWT=$(grep -o '"token" *: *"eyJ[^"]*"' "$cli_config" | sed 's/.*"\(eyJ[^"]*\)"$/\1/')
[ -n "$JWT" ] || { echo "bench: plexauth signin --jwt left no Plex JWT in $cli_config" >&2; exit 1; }

log "1. restarting plexauth serve: the first run wrote the archive as it stopped, this one uses it"
stop_process "$serve_pid" 120
t0=$(now_ns)
serve_pid=$(start_serve "$serve_dir" "$serve_port")
pids+=("$serve_pid")
wait_answer "$serve_url/api/v2/user" "$t0" "$serve_pid" >/dev/null
grep -q -- '-XX:SharedArchiveFile=' "/proc/$serve_pid/cmdline" \
  || log "1. warning: plexauth serve runs without a class-data archive"

# Item 1's routes: every GET route that reads a token but /devices.xml, with real clients' query parameters and
# the owner's account token unless tokens[] gives another. (The nonce route reads none, and allows 10 a minute.)
endpoints=(user token resources capabilities ping serverResources devices userJwt)
declare -A paths=(
  [user]="/api/v2/user"
  [token]="/security/token?type=delegation&scope=all"
  [resources]="/security/resources?source=server://bench-source"
  [capabilities]="/"
  [ping]="/api/v2/ping"
  [serverResources]="/api/v2/resources?includeHttps=1&includeRelay=1"
  [devices]="/api/v2/devices"
  [userJwt]="/api/v2/user"
)
declare -A tokens=([userJwt]="$JWT")
token_of() { echo "${tokens[$1]:-$TOKEN}"; }
# The bare server answers each route at its path, but the JWT row at its own, as its body is another size.
declare -A bare_paths=([userJwt]="/api/v2/user/jwt")
bare_path() { echo "${bare_paths[$1]:-${paths[$1]}}"; }
# Item 5 measures the first three.
scale_endpoints=(user token resources)

# Each answer must be a 200 (a 4xx would measure an error path); its size is the bare route's body size.
bare_routes=()
for e in "${endpoints[@]}"; do
  read -r code size < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' -H 'Accept: application/json' \
    -H 'X-Plex-Client-Identifier: plexauth-bench' -H "X-Plex-Token: $(token_of "$e")" "$serve_url${paths[$e]}")
  [ "$code" = 200 ] || { echo "bench: GET ${paths[$e]} ($e) answered $code, not 200" >&2; exit 1; }
  echo "$size" >"$results/size-$e.txt"
  request=$(bare_path "$e")
  bare_routes+=("${request%%\?*}=$size")
done

# ---------------------------------------------------------------------------------------------------------------
# 3. SDK per-call cost, against the same plexauth serve process (before item 1's load, whose transient tokens
#    the server keeps for 48 hours). The three clients run in rotating order, so none always runs last.

sdk_benchmarks=(plexauthSdk jdkHttpClient apacheHttpClient5)
: >"$results/plexjs.jsonl"
for round in 0 1 2; do
  for k in 0 1 2; do
    b=${sdk_benchmarks[$(( (k + round) % 3 ))]}
    log "3. JMH TokenDetailsBenchmark.$b (round $((round + 1))/3)"
    BENCH_URL="$serve_url" BENCH_TOKEN="$TOKEN" java -jar "$bench_jar" "TokenDetailsBenchmark.$b\$" \
      -f 1 -wi 4 -w 2s -i 2 -r 2s -rf json -rff "$results/sdk-$round-$b.jmh.json" >>"$work/sdk.jmh.log" 2>&1
  done
  log "3. plexjs 0.32.1 getTokenDetails loop (round $((round + 1))/3)"
  node bench/plexjs/token-details-loop.mjs "$serve_url" "$TOKEN" 8 2 2 >>"$results/plexjs.jsonl"
done

bare_port=$(free_port)
bare_pid=$(start_bare "$bare_port" "${bare_routes[@]}")
pids+=("$bare_pid")
bare_url="http://127.0.0.1:$bare_port"
wait_answer "$bare_url/api/v2/user" "$(now_ns)" "$bare_pid" >/dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_wrk() { # url out [connections] [seconds] [pid: record its CPU time in out.cpu]
  local before=0
  [ -n "${5:-}" ] && before=$(cpu_ticks "$5")
  wrk -t"$WRK_THREADS" -c"${3:-$CONNECTIONS}" -d"${4:-$HTTP_SECONDS}s" -s bench/wrk/get.lua "$1" | tail -1 >"$2"
  [ -n "${5:-}" ] && echo $(( $(cpu_ticks "$5") - before )) >"${2%.json}.cpu"
  return 0
}

# The bare route gets the same request as plexauth (the same token too), at its own path.
log "1. warming up both servers (${HTTP_WARMUP} s an endpoint)"
for e in "${endpoints[@]}"; do
  TOKEN=$(token_of "$e") run_wrk "$serve_url${paths[$e]}" "$work/warm-plexauth-$e.json" "$CONNECTIONS" \
    "$HTTP_WARMUP"
  TOKEN=$(token_of "$e") run_wrk "$bare_url$(bare_path "$e")" "$work/warm-bare-$e.json" "$CONNECTIONS" \
    "$HTTP_WARMUP"
done
for rep in $(seq 1 "$REPS"); do
  for e in "${endpoints[@]}"; do
    log "1. run $rep/$REPS: $e, ${paths[$e]}"
    TOKEN=$(token_of "$e") run_wrk "$serve_url${paths[$e]}" "$results/http-plexauth-$e-$rep.json" "" "" \
      "$serve_pid"
    TOKEN=$(token_of "$e") run_wrk "$bare_url$(bare_path "$e")" "$results/http-bare-$e-$rep.json" "" "" \
      "$bare_pid"
  done
done
echo "$(rss_kib "$serve_pid") $(hwm_kib "$serve_pid")" >"$results/rss-plexauth.txt"
echo "$(rss_kib "$bare_pid") $(hwm_kib "$bare_pid")" >"$results/rss-bare.txt"
# One password sign-in more: the memory the hashing keeps for the next sign-in (19 MiB a hash run at once).
curl -s -o /dev/null -X POST -H 'Accept: application/json' -H 'X-Plex-Client-Identifier: plexauth-bench' \
  --data 'login=admin&password=bench-admin-password' "$serve_url/api/v2/users/signin"
sleep 1
echo "$(rss_kib "$serve_pid") $(hwm_kib "$serve_pid")" >"$results/rss-plexauth-signin.txt"
stop_process "$bare_pid"
stop_process "$serve_pid" 120

# ---------------------------------------------------------------------------------------------------------------
# 2. Sign-in against one Argon2id verification

log "2. JMH PasswordVerifyBenchmark, one thread and $(nproc) threads"
java -jar "$bench_jar" PasswordVerifyBenchmark -jvmArgsAppend "${jvm_opts[*]}" \
  -f 1 -wi 2 -w 2s -i "$JMH_ITERATIONS" -r 2s -rf json -rff "$results/verify.jmh.json" >"$work/verify.jmh.log" 2>&1
java -jar "$bench_jar" PasswordVerifyBenchmark -t "$(nproc)" -jvmArgsAppend "${jvm_opts[*]}" \
  -f 1 -wi 2 -w 2s -i 3 -r 2s -rf json -rff "$results/verify-all-cores.jmh.json" >>"$work/verify.jmh.log" 2>&1

log "1b. JMH TokenLookupBenchmark"
java -jar "$bench_jar" TokenLookupBenchmark \
  -f 1 -wi 2 -w 1s -i 3 -r 2s -rf json -rff "$results/lookup.jmh.json" >"$work/lookup.jmh.log" 2>&1

log "2. starting the sign-in server"
signin_port=$(free_port)
# Its standard input is a FIFO held open on descriptor 3: "verify N" times N verifications in that JVM.
mkfifo "$work/signin.in"
exec 3<>"$work/signin.in"
java "${jvm_opts[@]}" -cp "$bench_jar" dev.plexauth.bench.SignInServer "$work/signin-data" "$signin_port" \
  "$SIGNIN_CLIENTS" <"$work/signin.in" >"$work/signin.out" 2>"$work/signin.err" &
signin_pid=$!
pids+=("$signin_pid")
signin_url="http://127.0.0.1:$signin_port/api/v2/users/signin"
wait_answer "$signin_url" "$(now_ns)" "$signin_pid" >/dev/null
until grep -q '^listening on' "$work/signin.out"; do sleep 0.1; done

# Times 10 verifications in the sign-in server's JVM while it idles; appends the median (ms) to $1.
verify_in_server() {
  local before
  before=$(grep -c '^verify-ms' "$work/signin.out" || true)
  echo "verify 10" >&3
  until [ "$(grep -c '^verify-ms' "$work/signin.out" || true)" -gt "$before" ]; do sleep 0.1; done
  grep '^verify-ms' "$work/signin.out" | tail -1 | awk '{print $2}' >>"$1"
}

run_signin() { # clients seconds out
  ACCOUNTS="$SIGNIN_CLIENTS" wrk -t"$(($1 < WRK_THREADS ? $1 : WRK_THREADS))" -c"$1" -d"$2s" \
    --timeout 30s -s bench/wrk/signin.lua "$signin_url" | tail -1 >"$3"
}
log "2. warming up sign-in (${SIGNIN_WARMUP} s)"
run_signin "$SIGNIN_CLIENTS" "$SIGNIN_WARMUP" "$work/warm-signin.json"
: >"$results/verify-in-server.txt"
for rep in $(seq 1 "$REPS"); do
  log "2. run $rep/$REPS: 1 client, 10 verifications in the server's JVM, then $SIGNIN_CLIENTS clients"
  run_signin 1 "$SIGNIN_SECONDS" "$results/signin-1-$rep.json"
  # wrk stops sending at the end of a run but the server still answers what was in flight: let it finish.
  sleep 1
  verify_in_server "$results/verify-in-server.txt"
  run_signin "$SIGNIN_CLIENTS" "$SIGNIN_SECONDS" "$results/signin-$SIGNIN_CLIENTS-$rep.json"
done
stop_process "$signin_pid"
exec 3>&-

# ---------------------------------------------------------------------------------------------------------------
# 4. Time to first answered request: plexauth serve (existing data directory) and the bare server

log "4. $STARTS starts of plexauth serve and of the bare server"
: >"$results/start-plexauth.txt"
: >"$results/start-bare.txt"
for i in $(seq 1 "$STARTS"); do
  port=$(free_port)
  t0=$(now_ns)
  pid=$(start_serve "$serve_dir" "$port")
  pids+=("$pid")
  wait_answer "http://127.0.0.1:$port/api/v2/user" "$t0" "$pid" >>"$results/start-plexauth.txt"
  stop_process "$pid" 120

  port=$(free_port)
  t0=$(now_ns)
  pid=$(start_bare "$port" "${bare_routes[@]}")
  pids+=("$pid")
  wait_answer "http://127.0.0.1:$port/api/v2/user" "$t0" "$pid" >>"$results/start-bare.txt"
  stop_process "$pid"
done

# ---------------------------------------------------------------------------------------------------------------
# 5. Scale: the token routes with 1,000,000 account tokens and 100,000 accounts against 10 of each, on SQLite and
#    on PostgreSQL; sign-in with 100,000 accounts.

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
databases=(sqlite)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  log "5. starting PostgreSQL ($pg_bin) under bench/target/work/pg"
  mkdir -p "$work/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
  pg_data="$work/pg/data"
  as_postgres "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >"$work/pg/initdb.log" 2>&1
  pg_port=$(free_port)
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" \
    -l "$work/pg/postgres.log" -w start >/dev/null
  for size in small large; do
    as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "bench_$size"
  done
  PLEXAUTH_SECRET_KEY=$(head -c 32 /dev/urandom | base64)
  export PLEXAUTH_SECRET_KEY
  databases+=(postgresql)
  echo "postgresql=$("$pg_bin/postgres" --version)" >>"$results/machine.properties"
else
  log "5. no PostgreSQL server binaries (Debian's postgresql package): SQLite only"
fi

scale_where() { # database size -> data directory or JDBC URL
  if [ "$1" = sqlite ]; then echo "$work/scale-sqlite-$2"; else
    echo "jdbc:postgresql://127.0.0.1:$pg_port/bench_$2?user=postgres"; fi
}

declare -A scale_tokens
for db in "${databases[@]}"; do
  for size in small large; do
    if [ "$size" = small ]; then n_accounts=$SMALL_ACCOUNTS; n_tokens=$SMALL_TOKENS; else
      n_accounts=$SCALE_ACCOUNTS; n_tokens=$SCALE_TOKENS; fi
    log "5. filling $db ($size): $n_accounts accounts, $n_tokens account tokens"
    java "${jvm_opts[@]}" -cp "$bench_jar" dev.plexauth.bench.FillDatabase "$(scale_where "$db" "$size")" \
      "$n_accounts" "$n_tokens" >"$work/fill-$db-$size.out" 2>"$work/fill-$db-$size.err"
    grep '^filled ' "$work/fill-$db-$size.out" >"$results/fill-$db-$size.txt"
    scale_tokens[$db-$size]=$(sed -n 's/^token //p' "$work/fill-$db-$size.out")
  done

  declare -A scale_pids scale_urls
  for size in small large; do
    port=$(free_port)
    pid=$(start_serve "$(scale_where "$db" "$size")" "$port")
    pids+=("$pid")
    scale_pids[$size]=$pid
    scale_urls[$size]="http://127.0.0.1:$port"
    wait_answer "${scale_urls[$size]}/api/v2/user" "$(now_ns)" "$pid" >/dev/null
  done
  log "5. warming up $db (${HTTP_WARMUP} s an endpoint and size)"
  for e in "${scale_endpoints[@]}"; do
    for size in small large; do
      TOKEN=${scale_tokens[$db-$size]} run_wrk "${scale_urls[$size]}${paths[$e]}" \
        "$work/warm-scale-$db-$size-$e.json" "$CONNECTIONS" "$HTTP_WARMUP"
    done
  done
  for rep in $(seq 1 "$REPS"); do
    for e in "${scale_endpoints[@]}"; do
      log "5. $db run $rep/$REPS: ${paths[$e]}, large then small"
      for size in large small; do
        TOKEN=${scale_tokens[$db-$size]} run_wrk "${scale_urls[$size]}${paths[$e]}" \
          "$results/scale-$db-$size-$e-$rep.json" "" "" "${scale_pids[$size]}"
      done
    done
  done
  for size in small large; do stop_process "${scale_pids[$size]}" 120; done
done

log "5. sign-in with $SCALE_ACCOUNTS accounts (the large SQLite database, $SIGNIN_CLIENTS bench accounts added)"
signin_port=$(free_port)
java "${jvm_opts[@]}" -cp "$bench_jar" dev.plexauth.bench.SignInServer "$work/scale-sqlite-large" "$signin_port" \
  "$SIGNIN_CLIENTS" </dev/null >"$work/signin-scale.out" 2>"$work/signin-scale.err" &
signin_pid=$!
pids+=("$signin_pid")
signin_url="http://127.0.0.1:$signin_port/api/v2/users/signin"
wait_answer "$signin_url" "$(now_ns)" "$signin_pid" >/dev/null
until grep -q '^listening on' "$work/signin-scale.out"; do sleep 0.1; done
run_signin "$SIGNIN_CLIENTS" "$SIGNIN_WARMUP" "$work/warm-signin-scale.json"
for rep in $(seq 1 "$REPS"); do
  log "5. sign-in run $rep/$REPS with $SCALE_ACCOUNTS accounts"
  run_signin "$SIGNIN_CLIENTS" "$SIGNIN_SECONDS" "$results/signin-scale-$SIGNIN_CLIENTS-$rep.json"
  sleep 1
done
stop_process "$signin_pid"

{
  echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "elapsed_s=$(( ($(now_ns) - bench_started) / 1000000000 ))"
} >>"$results/machine.properties"

log "writing docs/benchmarks.md"
java -cp "$bench_jar" dev.plexauth.bench.Report "$results" docs/benchmarks.md
log "done in $(( ($(now_ns) - bench_started) / 1000000000 )) s"
