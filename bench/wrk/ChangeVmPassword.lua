-- ChangeVmPassword: PUT /zstack/v1/vm-instances/<running vm n>/actions; the (stub) KVM agent does the change.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

local body = '{"changeVmPassword": {"password": "Passw0rd!", "account": "root"}}'
bench.make = function(n)
   return "PUT", "/zstack/v1/vm-instances/" .. bench.uuid("1", n) .. "/actions", body
end
