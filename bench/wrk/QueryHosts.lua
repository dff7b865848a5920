-- A logged-in client's query: GET /zstack/v1/hosts?limit=20 (bench/login-flood.sh seeds the hosts).
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.make = function(n)
   return "GET", "/zstack/v1/hosts?limit=20", nil
end
