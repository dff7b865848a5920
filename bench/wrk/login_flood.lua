-- Wrong logins as fast as the connections allow: PUT /zstack/v1/accounts/login with a wrong password.
--   BENCH_SPOOF unset: every request is for "admin", from the load generator's own address.
--   BENCH_SPOOF=1:     every request is for a random account name, with a random X-Forwarded-For, so that no
--                      failure limit applies and every request reaches the password hasher (the app must trust
--                      X-Forwarded-For: quarkus.http.proxy.proxy-address-forwarding=true).
-- done() prints the BENCH_RESULT line of common.lua's format plus the answers by status:
--   BENCH_STATUS s200=.. s429=.. s503=.. other=..
dofile((string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./") .. "result.lua")
local spoof = os.getenv("BENCH_SPOOF") == "1"
local wrong = string.rep("0", 128)
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   math.randomseed(os.time() + math.floor(os.clock() * 1e6))
   for _ = 1, 10 do math.random() end
   wrk.headers["Content-Type"] = "application/json"
   s200, s429, s503, other = 0, 0, 0, 0
end

function request()
   local name, headers = "admin", nil
   if spoof then
      name = string.format("flood-%08x", math.random(0, 0x7fffffff))
      -- a headers table replaces wrk.headers, so it carries the content type too
      headers = {["Content-Type"] = "application/json", ["X-Forwarded-For"] = string.format("10.%d.%d.%d",
         math.random(0, 255), math.random(0, 255), math.random(1, 254))}
   end
   local body = string.format('{"logInByAccount": {"accountName": "%s", "password": "%s"}}', name, wrong)
   return wrk.format("PUT", "/zstack/v1/accounts/login", headers, body)
end

function response(status, headers, body)
   if status == 200 then s200 = s200 + 1
   elseif status == 429 then s429 = s429 + 1
   elseif status == 503 then s503 = s503 + 1
   else other = other + 1 end
end

function done(summary, latency, requests)
   bench_result(summary, latency)
   local t = {s200 = 0, s429 = 0, s503 = 0, other = 0}
   for _, thread in ipairs(threads) do
      for k, _ in pairs(t) do t[k] = t[k] + (tonumber(thread:get(k)) or 0) end
   end
   io.write(string.format("BENCH_STATUS s200=%d s429=%d s503=%d other=%d\n", t.s200, t.s429, t.s503, t.other))
end
