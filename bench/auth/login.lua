-- wrk script: POST /api/auth/login with the seeded admin, counts answers by status.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"admin@chatbot.local","password":"Admin2024!"}'
LABEL = "LOGIN"
dofile("bench/auth/count.lua")
