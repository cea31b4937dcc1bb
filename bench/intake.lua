-- wrk script: one synthetic application per request to POST /api/v1/applications.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"situation":"serving","group":{"kind":"alone"},"contact":{"channel":"signal",' ..
           '"handle":"@synthetic_bench","safe_windows":["mon-fri 19:00-21:00"]},' ..
           '"name":"Синтетический Бенчмарков","unit":"часть-пример №1","message":"synthetic load"}'
