-- UpdateIAM2VirtualID: PUT /zstack/v1/iam2/virtual-ids/<vid n>/actions with a new description.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.make = function(n)
   local body = string.format('{"updateIAM2VirtualID": {"description": "d-%d"}}', bench.rnd())
   return "PUT", "/zstack/v1/iam2/virtual-ids/" .. bench.uuid("5", n) .. "/actions", body
end
