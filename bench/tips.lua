-- wrk script: POSTs tips to /api/v1/tips with a machine token, texts taken in turn from
-- TIPS_FILE. Needs TIPS_FILE and TOKEN in the environment.
local texts = {}
for line in io.lines(os.getenv("TIPS_FILE")) do
  texts[#texts + 1] = line:gsub('\\', '\\\\'):gsub('"', '\\"')
end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format('{"text":"%s"}', texts[(n % #texts) + 1]))
end
