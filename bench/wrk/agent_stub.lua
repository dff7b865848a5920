-- The stub agent's own ceiling: POST /vm/changepasswd straight at bench/StubAgent.java (no session). With a
-- taskuuid and no callbackurl the stub accepts the command (200, empty) and POSTs no reply.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.auth = false
wrk.headers["taskuuid"] = "0123456789abcdef0123456789abcdef"
local body = '{"accountPerference": {"userAccount": "root", "accountPassword": "Passw0rd!", "vmUuid": "'
   .. bench.uuid("1", 1) .. '"}, "timeout": 60}'
bench.make = function(n)
   return "POST", "/vm/changepasswd", body
end
