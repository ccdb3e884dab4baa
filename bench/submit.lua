-- wrk script: POSTs a new report to /api/v1/aspirations with a machine token, each one
-- different. Needs TOKEN, CATEGORY and KELURAHAN in the environment. Counts answers by status
-- so the shell script can compare "acknowledged" with the rows stored.
local token = os.getenv("TOKEN")
local category = os.getenv("CATEGORY")
local kelurahan = os.getenv("KELURAHAN")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  n = n + 1
  local body = string.format(
    '{"kind":"pengaduan","title":"Jalan rusak nomor %d di RT %d","description":"Lubang di jalan lingkungan RT %d, mohon segera diperbaiki sebelum musim hujan.","category_id":%s,"kelurahan_id":%s,"reporter_name":"Warga %d","reporter_phone":"0812%08d"}',
    n, n % 20, n % 20, category, kelurahan, n, n % 100000000)
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("acknowledged (201): %d, other answers: %d\n", summary.requests - summary.errors.status, summary.errors.status))
end
