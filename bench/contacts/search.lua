-- wrk script: GET /api/contacts over the same mix as SearchBench.java (names, digits, whole numbers, categories,
-- opted-out). Env: BENCH_TOKEN (JWT), BENCH_CATEGORIES (large category ids, comma separated), BENCH_SMALL (small ones).
local token = os.getenv("BENCH_TOKEN")
local function split(s)
  local t = {}
  for v in string.gmatch(s or "", "[^,]+") do t[#t + 1] = v end
  return t
end
local big = split(os.getenv("BENCH_CATEGORIES"))
local small = split(os.getenv("BENCH_SMALL"))
local last = { "martin", "bernard", "dubois", "durand", "dupont", "moreau", "lefebvre", "garcia", "hounkpatin",
  "agbodjan", "adjovi", "dossou", "zinsou", "gbaguidi", "amoussou", "kpadonou", "tossou" }
local first = { "Zo%C3%A9", "Lucas", "Emma", "Hugo", "Koffi", "A%C3%AFcha", "Fatou", "Moussa", "Romaric", "Edwige",
  "S%C3%A8nan", "Prudence" }
local non200 = 0

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (id or 0))
  wrk.headers["Authorization"] = "Bearer " .. token
end

local function pick(t) return t[math.random(1, #t)] end

function request()
  local p = math.random(0, 99)
  local q
  if p < 25 then
    q = "q=" .. pick(last)
  elseif p < 35 then
    q = "q=" .. pick(first) .. "&optedOut=false"
  elseif p < 55 then
    local s = string.format("%06d", math.random(0, 999999))
    q = "q=" .. s:sub(1, 2) .. "+" .. s:sub(3, 4) .. "+" .. s:sub(5, 6)
  elseif p < 65 then
    local s = string.format("%08d", math.random(0, 99999999))
    q = "q=0" .. math.random(6, 7) .. "+" .. s:sub(1, 2) .. "+" .. s:sub(3, 4) .. "+" .. s:sub(5, 6) .. "+" .. s:sub(7, 8)
  elseif p < 80 then
    q = "categoryId=" .. pick(big)
  elseif p < 85 and #small > 0 then
    q = "categoryId=" .. pick(small)
  elseif p < 95 then
    q = "optedOut=true"
  else
    q = "categoryId=" .. pick(big) .. "&q=" .. pick(last)
  end
  return wrk.format("GET", "/api/contacts?" .. q)
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d errors(socket)=%d  p50=%.1fms p90=%.1fms p95=%.1fms p99=%.1fms max=%.1fms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
