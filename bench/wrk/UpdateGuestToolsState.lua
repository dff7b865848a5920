-- UpdateGuestToolsState: PUT /zstack/v1/vm-instances/<running vm n>/guesttools-state; asks the (stub) KVM agent.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.make = function(n)
   return "PUT", "/zstack/v1/vm-instances/" .. bench.uuid("1", n) .. "/guesttools-state", "{}"
end
