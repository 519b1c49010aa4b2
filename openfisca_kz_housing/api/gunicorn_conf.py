"""gunicorn settings for the API (``make serve``); every value can be overridden by the environment.

Workers: 2 processes (2 cores; the GIL makes more useful only when requests wait on I/O, which ours
do not) of the ``gevent`` class: each reads requests on an event loop, so clients that trickle their
headers or body hold a greenlet, not a worker (50 slow-header connections: a normal /entitlement is
still answered in milliseconds; docs/api.md has the measurements against gthread and nginx).

Bounded work per request, whatever arrives:
* the app refuses large work before computing (body size, households, stock entities, axes);
* ``timeout``: a worker computing for longer than this is killed and replaced. A gevent worker's
  heartbeat runs on its event loop, so a request that keeps the CPU stops it and the arbiter kills it;
  other classes (gthread, sync) never enforced it there: a watchdog thread started in ``post_fork``
  ends the worker when a request has run longer than ``timeout`` (``pre_request``/``post_request``);
* ``KZ_HOUSING_WORKER_MEMORY_MB``: each worker's address space is capped in ``post_fork``
  (``RLIMIT_AS``): an allocation beyond it raises MemoryError, answered as a 400, never an 8 GB worker;
* ``max_requests`` (with jitter) recycles workers, so memory that numpy keeps is given back.
The control socket of gunicorn >= 25 (``~/.gunicorn/gunicorn.ctl``, shared by every instance of the
user) is off unless ``KZ_HOUSING_CONTROL_SOCKET`` names this instance's own path.
"""

import os
import resource
import signal
import threading
import time

bind = os.environ.get("KZ_HOUSING_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("KZ_HOUSING_WORKERS", 2))
worker_class = os.environ.get("KZ_HOUSING_WORKER_CLASS", "gevent")
threads = int(os.environ.get("KZ_HOUSING_THREADS", 4))  # used by the gthread class only
worker_connections = int(os.environ.get("KZ_HOUSING_WORKER_CONNECTIONS", 1000))  # gevent: connections per worker
timeout = int(os.environ.get("KZ_HOUSING_TIMEOUT", 15))  # a 20,000-household batch takes 2-5 s
graceful_timeout = 10
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
preload_app = True  # build the tax-benefit system once, before forking
max_requests = int(os.environ.get("KZ_HOUSING_MAX_REQUESTS", 5000))  # 0: workers are not recycled
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("KZ_HOUSING_ACCESSLOG") or None
errorlog = os.environ.get("KZ_HOUSING_ERRORLOG", "-")
loglevel = os.environ.get("KZ_HOUSING_LOGLEVEL", "info")
WORKER_MEMORY_MB = int(os.environ.get("KZ_HOUSING_WORKER_MEMORY_MB", 1024))  # 0: no cap; idle 200 MB

_control_socket = os.environ.get("KZ_HOUSING_CONTROL_SOCKET")
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True


_running = {}  # thread id -> start (monotonic) of the request it serves; workers that are not gevent


def post_fork(server, worker):
    """Cap the worker's address space; outside gevent, start the request watchdog (module docstring)."""
    if WORKER_MEMORY_MB > 0:
        limit = WORKER_MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if "gevent" not in str(server.cfg.worker_class_str).lower() and timeout > 0:
        threading.Thread(target=_watchdog, args=(worker,), daemon=True, name="kz-housing-watchdog").start()


def _watchdog(worker):
    while True:
        time.sleep(0.5)
        started = min(_running.values(), default=None)
        if started is not None and time.monotonic() - started > timeout:
            worker.log.error("A request ran over the %s s timeout: worker %s stops (a new one replaces it)",
                             timeout, os.getpid())
            os.kill(os.getpid(), signal.SIGKILL)


def pre_request(worker, req):
    _running[threading.get_ident()] = time.monotonic()


def post_request(worker, req, environ, resp):
    _running.pop(threading.get_ident(), None)
    if "gevent" in str(worker.cfg.worker_class_str).lower():  # the class running, whatever set it
        # A request computes without yielding, and a keep-alive connection whose next request is already
        # there would be served again at once: yield, so that each connection of the worker waiting for
        # the CPU is served in turn: gevent.idle() returns once the loop has polled the sockets (p99 with 4
        # saturating clients 86-90 -> 26-39 ms, benchmarks/api_benchmark.py; gevent.sleep(0) did not help).
        import gevent

        gevent.idle()

