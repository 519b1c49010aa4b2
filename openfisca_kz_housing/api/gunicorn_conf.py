"""gunicorn settings for the API (``make serve``); every value can be overridden by the environment.

2 cores: 2 worker processes of 4 threads each (the GIL makes a third process useful only when requests
wait on I/O, which ours do not). Threads keep connections alive, so a client reusing its connection
saves a TCP handshake a request. A request may take at most ``timeout`` seconds (a batch of 20,000
households takes about 2 s); the body limit is enforced by the app (413 JSON) and the request line and
headers by gunicorn's limits.
"""

import os

bind = os.environ.get("KZ_HOUSING_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("KZ_HOUSING_WORKERS", 2))
threads = int(os.environ.get("KZ_HOUSING_THREADS", 4))
worker_class = os.environ.get("KZ_HOUSING_WORKER_CLASS", "gthread")
timeout = int(os.environ.get("KZ_HOUSING_TIMEOUT", 30))
graceful_timeout = 10
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
preload_app = True  # build the tax-benefit system once, before forking
max_requests = int(os.environ.get("KZ_HOUSING_MAX_REQUESTS", 0))  # 0: workers are not recycled
accesslog = os.environ.get("KZ_HOUSING_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("KZ_HOUSING_LOGLEVEL", "info")
