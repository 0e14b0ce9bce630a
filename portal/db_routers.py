"""Public pages read from a PostgreSQL replica when `DATABASE_REPLICA_URL` is set.

Only anonymous-style reads go there: GET/HEAD requests outside the admin. Everything
staff do – and every write – stays on the primary, so a clerk who just approved a
result never reads a replica that has not caught up yet.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_primary():
    """Within the block every read goes to the primary, even during a public request."""
    token = _use_replica.set(False)
    try:
        yield
    finally:
        _use_replica.reset(token)


class ReplicaRouter:
    """Reads go to the replica while `_use_replica` is set; writes and migrations never."""

    def db_for_read(self, model, **hints):
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PublicReadsOnReplicaMiddleware:
    """Marks GET/HEAD requests outside the admin as safe to serve from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        public = request.method in ("GET", "HEAD") and not request.path.startswith(
            self.admin_prefix
        )
        token = _use_replica.set(public)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
