-- Shared by the per-API wrk scripts (loaded with dofile; see any of them).
--
-- Environment (read in every Lua state: wrk's main state and each thread's):
--   BENCH_ROWS      n is drawn uniformly from 1..BENCH_ROWS for every request (default 1000)
--   BENCH_SESSION   the session uuid sent as "Authorization: OAuth <session>"
--   BENCH_RATE      if set (> 0): the total request rate to pace to, in requests/s (see delay() below)
--   BENCH_CAPTURE   if set: a file prefix; each thread writes the first few non-2xx answers to PREFIX.<thread>
--                   (defining response() makes wrk parse every answer, so run.sh sets it only for the warm-up)
-- rows and session can also be given as script arguments (wrk ... -s x.lua URL -- rows=1000 session=abc);
-- rate and capture only through the environment (they decide at load time whether delay() and response() exist).
--
-- done() prints one machine-readable line:
--   BENCH_RESULT requests=.. duration_s=.. rps=.. p50_ms=.. p99_ms=.. p999_ms=.. max_ms=.. errors=.. connect=.. read=.. write=.. timeout=.. status=..
-- where errors = connect + read + write + timeout + status, and status counts answers with a status above 399.

bench = {}
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "result.lua")

local function env_number(name, default)
   local v = tonumber(os.getenv(name) or "")
   if v == nil then return default end
   return v
end

bench.rows = math.floor(env_number("BENCH_ROWS", 1000))
bench.session = os.getenv("BENCH_SESSION") or ""
bench.rate = env_number("BENCH_RATE", 0)
bench.capture = os.getenv("BENCH_CAPTURE")
if bench.capture == "" then bench.capture = nil end

-- Filled in by each API script: bench.make(n) returns method, path, body.
bench.make = nil
bench.auth = true

local threads = {}
local thread_count = 0

function setup(thread)
   thread_count = thread_count + 1
   thread:set("thread_id", thread_count)
   table.insert(threads, thread)
end

local function parse_args(args)
   for _, a in ipairs(args or {}) do
      local k, v = string.match(a, "^([%w_]+)=(.*)$")
      if k == "rows" then bench.rows = math.floor(tonumber(v))
      elseif k == "session" then bench.session = v
      end
   end
end

-- ---- pacing -------------------------------------------------------------------------------------------
-- wrk calls delay() before every request but a connection's first, and waits that many milliseconds
-- before writing it. Each thread keeps a schedule of send slots, one every (threads / BENCH_RATE) seconds,
-- and hands the next slot to whichever of its connections asks, so the total rate is BENCH_RATE as long
-- as enough connections are idle. This paces the connections; it is NOT wrk2: a request is timed from the
-- moment it is written, not from its slot, so when the server stalls the requests that should have been
-- sent meanwhile are simply not sent and their waiting is not counted (coordinated omission is not
-- corrected), and a slot that has passed is not caught up with a burst. The achieved rate is reported
-- beside the target so a shortfall is visible.
local now_ms
do
   local ok, ffi = pcall(require, "ffi")
   if ok then
      local ok2 = pcall(ffi.cdef, [[
         typedef struct { long tv_sec; long tv_nsec; } bench_timespec_t;
         int clock_gettime(int clk_id, bench_timespec_t *tp);
      ]])
      if ok2 then
         local ts = ffi.new("bench_timespec_t")
         now_ms = function()
            ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
            return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
         end
      end
   end
end

local period_ms = nil   -- per thread, set in init()
local next_slot = nil

function init(args)
   parse_args(args)
   math.randomseed((thread_id or 0) * 7919 + os.time())
   -- the first draws of a fresh seed are poorly spread in some Lua builds
   for _ = 1, 10 do math.random() end
   wrk.headers["Content-Type"] = "application/json"
   if bench.auth then
      wrk.headers["Authorization"] = "OAuth " .. bench.session
   end
   if bench.rate and bench.rate > 0 then
      local nthreads = tonumber(os.getenv("BENCH_THREADS") or "") or 1
      period_ms = 1000.0 * nthreads / bench.rate
   end
   if bench.capture then
      capture_file = io.open(bench.capture .. "." .. tostring(thread_id or 0), "w")
      captured = 0
      statuses = {}
   end
end

if bench.rate and bench.rate > 0 then
   function delay()
      if now_ms == nil then
         -- no clock: a fixed per-connection pause of connections / rate (the rate then falls short by the latency)
         local conns = tonumber(os.getenv("BENCH_CONNECTIONS") or "") or 1
         return math.floor(1000.0 * conns / bench.rate)
      end
      local t = now_ms()
      if next_slot == nil or next_slot < t then next_slot = t end
      local d = next_slot - t
      next_slot = next_slot + period_ms
      return math.floor(d)
   end
end

function request()
   local n = math.random(1, bench.rows)
   local method, path, body = bench.make(n)
   return wrk.format(method, path, nil, body)
end

if bench.capture then
   function response(status, headers, body)
      if status >= 200 and status < 300 then return end
      statuses[status] = (statuses[status] or 0) + 1
      if captured < 5 and capture_file then
         captured = captured + 1
         capture_file:write("HTTP ", tostring(status), " ", tostring(body), "\n")
         capture_file:flush()
      end
   end
end

function done(summary, latency, requests)
   bench_result(summary, latency)
end

-- uuid helpers: the same numbering as bench/seed.sql
function bench.uuid(prefix, n)
   return string.format("%s%031x", prefix, n)
end

-- a random number for descriptions, so that every update really changes the row
function bench.rnd()
   return math.random(1, 1000000000)
end
