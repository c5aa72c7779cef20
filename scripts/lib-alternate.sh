# Sourced by scripts/bench-query.sh and scripts/bench-refund-query.sh (issue 16): timed commands
# that alternate, with both sides' CPU per query (one sandbox at a time with
# alternate_group_rounds).
#
# The caller fills the arrays NAMES (labels), CMDS (command lines, split on spaces, run without a
# shell) and SERVERS (the PID of the sandbox each command queries), and sets TMP and RUNS. Each
# round runs every command once (one `hyperfine -N --runs 1` each), RUNS rounds; the figures are
# medians. A command's CPU is its user+sys (hyperfine's rusage of the process, as /usr/bin/time
# reports it); the sandbox's is the utime+stime delta of its /proc/PID/stat across that run.

# bench_setup NAME: the tools both scripts need, the binary (a release build when WXCOMBINE_BIN is
# unset), a temp dir TMP and the array PIDS of the sandboxes started; on exit every one of them is
# stopped and TMP removed.
bench_setup() {
  local tool
  for tool in hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "$1: $tool is required (apt-get install -y $tool)" >&2; exit 2; }
  done
  if [[ -z "${WXCOMBINE_BIN:-}" ]]; then
    cargo build --release --locked --quiet
    WXCOMBINE_BIN=target/release/wxcombine
  fi
  TMP=$(mktemp -d)
  PIDS=()
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}

# utime+stime of a process, in clock ticks (fields 14 and 15, after the command name).
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# alternate_rounds WHAT: run the rounds; a failed command (any exit but 0) stops the benchmark.
alternate_rounds() {
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local r i before
  for r in $(seq 1 "$RUNS"); do
    for i in "${!NAMES[@]}"; do
      before=$(ticks "${SERVERS[$i]}")
      hyperfine -N --runs 1 --export-json "$TMP/h.$i.$r.json" -n "${NAMES[$i]}" "${CMDS[$i]}" >/dev/null 2>>"$TMP/hyperfine.err" \
        || { cat "$TMP/hyperfine.err" >&2; echo "$1: ${NAMES[$i]} failed in round $r" >&2; exit 1; }
      echo "$i $r $(( $(ticks "${SERVERS[$i]}") - before ))" >>"$TMP/sandbox_ticks"
    done
  done
  echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
}

# alternate_group_rounds WHAT: like alternate_rounds, for commands whose sandboxes must not run
# side by side (issue 16 item 4). The caller also fills SANDBOX_OF (the sandbox each command needs, one
# entry per command, a group's commands next to each other) and defines `group_up NAME` (start that
# sandbox, set SANDBOX_PID) and `group_down` (stop it). In each round every group's sandbox is
# started, measured idle for IDLE_SECS, its commands run, measured idle again, and stopped; the
# groups' order is reversed every other round. SERVERS is not used. The idle windows' CPU, in
# clock ticks of the sandbox, goes to $TMP/idle_ticks ("GROUP ROUND before|after TICKS").
alternate_group_rounds() {
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local order=() r i g before
  for g in "${SANDBOX_OF[@]}"; do
    [[ " ${order[*]} " == *" $g "* ]] || order+=("$g")
  done
  for r in $(seq 1 "$RUNS"); do
    local groups=("${order[@]}")
    if (( r % 2 == 0 )); then
      groups=()
      for (( i = ${#order[@]} - 1; i >= 0; i-- )); do groups+=("${order[$i]}"); done
    fi
    for g in "${groups[@]}"; do
      group_up "$g"
      idle_window "$g" "$r" before
      for i in "${!NAMES[@]}"; do
        [[ "${SANDBOX_OF[$i]}" == "$g" ]] || continue
        before=$(ticks "$SANDBOX_PID")
        hyperfine -N --runs 1 --export-json "$TMP/h.$i.$r.json" -n "${NAMES[$i]}" "${CMDS[$i]}" >/dev/null 2>>"$TMP/hyperfine.err" \
          || { cat "$TMP/hyperfine.err" >&2; echo "$1: ${NAMES[$i]} failed in round $r" >&2; exit 1; }
        echo "$i $r $(( $(ticks "$SANDBOX_PID") - before ))" >>"$TMP/sandbox_ticks"
      done
      idle_window "$g" "$r" after
      group_down
    done
  done
  echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
}

# idle_window GROUP ROUND WHEN: the sandbox's CPU ticks over IDLE_SECS (default 1) of doing nothing.
idle_window() {
  local t0
  t0=$(ticks "$SANDBOX_PID")
  sleep "${IDLE_SECS:-1}"
  echo "$1 $2 $3 $(( $(ticks "$SANDBOX_PID") - t0 ))" >>"$TMP/idle_ticks"
}

# idle_summary: the sandboxes' CPU in the idle windows around the timed commands; a sandbox that
# worked while no command ran (notifications retried, say) makes its figures worthless.
idle_summary() {
  python3 - "$TMP/idle_ticks" "$(getconf CLK_TCK)" "${IDLE_SECS:-1}" <<'PY'
import sys
path, hz, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rows = [l.split() for l in open(path)]
worst = max(int(t) for *_, t in rows)
total = sum(int(t) for *_, t in rows)
print(f"sandbox CPU while idle: {total * 1000 / hz:.0f} ms in all over {len(rows)} windows of {secs:g} s"
      f" (worst window {worst * 1000 / hz:.0f} ms)")
if worst * 1000 / hz > 50 * secs:
    print("WARNING: a sandbox used CPU while no command ran; the figures above are not clean")
PY
}

# alternate_summary N NOUN [NUMERATOR DENOMINATOR]...: per command, the median rate (min-max), the
# client's and the sandbox's CPU per query, and the 2-core ceiling those imply (2 CPU-seconds per
# second over both sides' CPU per query) with the share of it reached; then each ratio of rates.
alternate_summary() {
  python3 - "$TMP" "$RUNS" "$(getconf CLK_TCK)" "$1" "$2" "${#NAMES[@]}" "${NAMES[@]}" "${@:3}" <<'PY'
import json, statistics, sys
tmp, runs, hz, n, noun, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
names, pairs = sys.argv[7:7 + count], sys.argv[7 + count:]
ticks = {}
for line in open(f"{tmp}/sandbox_ticks"):
    i, r, t = line.split()
    ticks.setdefault(int(i), []).append(int(t))
rate = {}
width = max(len(x) for x in names)
print(f"{n} {noun}, {runs} alternating rounds; medians (min-max); CPU per query in ms")
for i, name in enumerate(names):
    res = [json.load(open(f"{tmp}/h.{i}.{r}.json"))["results"][0] for r in range(1, runs + 1)]
    wall = [x["times"][0] for x in res]
    client = statistics.median((x["user"] + x["system"]) * 1000 / n for x in res)
    server = statistics.median(t * 1000 / hz / n for t in ticks[i])
    rate[name] = n / statistics.median(wall)
    ceiling = 2000 / (client + server)
    print(f"{name:<{width}}  {rate[name]:6.0f} /s ({n / max(wall):.0f}-{n / min(wall):.0f})"
          f"  client {client:.3f} + sandbox {server:.3f} ms"
          f"  (2-core ceiling {ceiling:.0f}/s, {100 * rate[name] / ceiling:.0f} % of it)")
for a, b in zip(pairs[::2], pairs[1::2]):
    if a in rate and b in rate:
        print(f"ratio {a} / {b}: {rate[a] / rate[b]:.2f}x")
PY
}
