"""gunicorn settings for the portal; every value can be overridden from the environment.

Tuned for the 2-core machine the portal runs on, with PostgreSQL on the same host
and nginx in front (nginx buffers slow clients, so plain sync workers are safe):

- workers = 2 × cores (4 on 2 cores). Pages are CPU-bound Python once aggregates
  come from the summary table or the cache, so more processes than cores buy nothing
  for CPU work; the extra ones keep the cores busy while a worker waits on
  PostgreSQL or Redis. bench/ measures the home page against Django's floor with
  exactly this file.
- sync workers, one thread each: one database connection per worker, kept open
  across requests (CONN_MAX_AGE with health checks), so the pool is `workers` per
  app server – 4 here, well inside PostgreSQL's default 100.
- preload_app: the code is imported once and shared copy-on-write; Django opens no
  database connection at import, so nothing leaks across the fork.
- max_requests with jitter recycles workers now and then, bounding slow leaks.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
threads = 1
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5  # seconds; nginx keeps upstream connections open (see docs/deploy.md)
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The sync worker's heartbeat file lives in RAM, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
