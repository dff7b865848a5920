-- The stub agent's own ceiling: POST /vm/changepasswd straight at bench/StubAgent.java (no session), with a
-- taskuuid and, when BENCH_CALLBACK_URL is set, that callbackurl: the stub answers 200 (empty) and then POSTs the
-- reply there, as it does for the service, so the ceiling counts the callback (85-stub-ceiling.sh points it at the
-- stub's own /sink).
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.auth = false
wrk.headers["taskuuid"] = "0123456789abcdef0123456789abcdef"
local callback = os.getenv("BENCH_CALLBACK_URL")
if callback ~= nil and callback ~= "" then
   wrk.headers["callbackurl"] = callback
end
local body = '{"accountPerference": {"userAccount": "root", "accountPassword": "Passw0rd!", "vmUuid": "'
   .. bench.uuid("1", 1) .. '"}, "timeout": 60}'
bench.make = function(n)
   return "POST", "/vm/changepasswd", body
end
