-- wrk script: Telegram webhook deliveries, each a new message (unique update and message ids
-- per thread) from one of 500 chats, its text taken in turn from TIPS_FILE (one per line).
-- Needs TIPS_FILE and SECRET in the environment.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local texts = {}
for line in io.lines(os.getenv("TIPS_FILE")) do
  texts[#texts + 1] = line:gsub('\\', '\\\\'):gsub('"', '\\"')
end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = os.getenv("SECRET")

request = function()
  n = n + 1
  local id = tid * 100000000 + n
  local body = string.format(
    '{"update_id":%d,"message":{"message_id":%d,"date":1795831200,"chat":{"id":%d,"type":"private"},"text":"%s"}}',
    id, id, 1000 + (id % 500), texts[(id % #texts) + 1])
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("acknowledged: %d, other answers: %d\n", summary.requests - summary.errors.status, summary.errors.status))
end
