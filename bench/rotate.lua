-- wrk script: requests the paths listed in $PATHS_FILE in turn (one per line), so that a run
-- covers many different pages instead of one hot cached page.
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
