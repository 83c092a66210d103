# Shared helpers of the benchmark scripts (source it: `. bench/lib.sh`).

# wait_ready BASE_URL LOG [SECONDS]: waits until GET BASE_URL/api/health/ready answers 200; on timeout
# prints the end of LOG and exits 1.
wait_ready() {
  local base=$1 log=$2 seconds=${3:-90}
  for _ in $(seq 1 "$seconds"); do
    curl -fs "$base/api/health/ready" >/dev/null 2>&1 && return 0
    sleep 1
  done
  tail -50 "$log"
  exit 1
}

# mint_jwt SECRET USER_ID EMAIL ROLE: an HS256 access token like the API's (issuer https://relais.app),
# valid one hour, for a user row the script created itself.
mint_jwt() {
  local secret=$1 user=$2 email=$3 role=$4 now header payload sig
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  now=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"https://relais.app","sub":"%s","upn":"%s","groups":["%s"],"exp":%d,"iat":%d}' \
    "$user" "$email" "$role" "$((now + 3600))" "$now" | b64url)
  sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$secret" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$sig"
}

# CPU accounting, a load-independent figure when the machine is busy (clock ticks; cpu_seconds converts).
# cpu_ticks PID: user + system ticks of one process.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# pg_cpu_ticks PORT: the postmaster listening on PORT (with its reaped children) plus its live backends.
pg_cpu_ticks() {
  local master total p
  master=$(pgrep -f -- "-p $1" | head -1 || true)
  [ -n "$master" ] || { echo 0; return; }
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$master/stat")
  for p in $(pgrep -P "$master"); do total=$(( total + $(cpu_ticks "$p") )); done
  echo "$total"
}
# cpu_seconds TICKS
cpu_seconds() { awk -v t="$1" -v k="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / k }'; }

# free_port LOW-HIGH: a random port of the range nobody listens on (other benchmarks on the machine draw
# from the same ranges).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(shuf -i "$1" -n 1)
    ss -ltnH 2>/dev/null | awk '{print $4}' | grep -q ":$p\$" || { echo "$p"; return; }
  done
  echo "$p"
}
