"""gunicorn settings for `make run`: loopback by default, several workers, no debug.

HOST / PORT / WORKERS / THREADS come from the environment. Crashed workers are
restarted by the gunicorn master; the data are loaded once before forking.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WORKERS", "3"))
threads = int(os.environ.get("THREADS", "4"))
worker_class = "gthread"
preload_app = True
timeout = 30
# gunicorn's maximum request line: a query string over dashboard.http_pages.QUERY_LIMIT (2 KB) then reaches
# the app, which answers with a friendly 414 page instead of gunicorn's bare "Request-URI Too Long"
limit_request_line = 8190
graceful_timeout = 10
# A worker is replaced after this many requests (a guard against slow leaks; every cache is bounded). Its
# successor starts with empty response and page caches, so a recycle costs a few 100-ms misses: at 5000 the
# load test (1000 req/s) recycled each worker every 15 s, and those misses were the p99 tail (issue 12).
max_requests = 200_000
max_requests_jitter = 20_000
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
