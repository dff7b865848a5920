-- UpdateImageStoreBackupStorage: PUT /zstack/v1/backup-storage/image-store/<bs n>/actions with a new description.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
dofile(here .. "common.lua")

bench.make = function(n)
   local body = string.format('{"updateImageStoreBackupStorage": {"description": "d-%d"}}', bench.rnd())
   return "PUT", "/zstack/v1/backup-storage/image-store/" .. bench.uuid("6", n) .. "/actions", body
end
