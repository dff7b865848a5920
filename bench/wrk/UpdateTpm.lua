-- UpdateTpm: PUT /zstack/v1/tpms, a random TPM n (on the Stopped VM n) gets one of the 4 key providers at random.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.make = function(n)
   local body = string.format('{"updateTpm": {"tpmUuid": "%s", "keyProviderUuid": "%s"}}',
      bench.uuid("3", n), bench.uuid("4", math.random(1, 4)))
   return "PUT", "/zstack/v1/tpms", body
end
