"""Django's Redis cache backend, with a circuit breaker and the page cache's version.

A cache is an optimisation, so a sick Redis must never take pages down or hold them up. The
connection and every reply have short timeouts (``REDIS_TIMEOUT``, 50 ms by default, set in
settings), and a failure opens a circuit breaker: for ``BREAKER_SECONDS`` this process does
not ask Redis at all, and reads miss and writes are dropped, as an empty cache would. So a
frozen Redis costs a worker one timeout every few seconds, not every request.

It can also hold the page cache's content version (``publish_version``): the page cache then
reads the version and the page in one round trip (see core/pagecache.py). Keeping the newest
of two versions needs a compare-and-set, a small Lua script, so this uses a redis-py client
of its own, built from the same address and options through redis-py's public API.
"""

import logging
import time

import redis as redis_py
from django.core.cache.backends import redis
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)
BREAKER_SECONDS = 5.0


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        servers = server.split(",") if isinstance(server, str) else server
        self.primary_url = servers[0]  # Django writes to the first server too
        self.redis_options = dict(params.get("OPTIONS", {}))
        self.open_until = 0.0  # the breaker is open (Redis skipped) until this monotonic time

    @cached_property
    def version_script(self):
        """KEEP_NEWEST on a client of our own (redis-py's pools are thread-safe and fork-aware)."""
        client = redis_py.Redis.from_url(self.primary_url, **self.redis_options)
        return client.register_script(KEEP_NEWEST)

    @property
    def available(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        self.open_until = time.monotonic() + BREAKER_SECONDS
        logger.warning("cache unavailable for %.0f s: %s", BREAKER_SECONDS, error.__class__.__name__)

    def guarded(self, call, fallback, *args, **kwargs):
        if not self.available:
            return fallback
        try:
            return call(*args, **kwargs)
        except Exception as error:  # any failure of the store: answer as an empty cache  # noqa: BLE001
            self.failed(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self.guarded(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self.guarded(super().get_many, {}, keys, version)

    def set(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().set_many, list(data), data, timeout, version)

    def add(self, key, value, timeout=redis.DEFAULT_TIMEOUT, version=None):
        return self.guarded(super().add, False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self.guarded(super().delete, False, key, version)

    def clear(self):
        return self.guarded(super().clear, False)

    def has_key(self, key, version=None):
        return self.guarded(super().has_key, False, key, version)

    def ping(self):
        """For /healthz: True when Redis answers now (a read of a key nobody sets). It asks even
        while the breaker is open, and closes the breaker when Redis is back."""
        try:
            super().get("healthz-probe")
        except Exception as error:  # noqa: BLE001
            self.failed(error)
            return False
        self.open_until = 0.0
        return True

    def publish_version(self, version_key, version, next_key, next_change, timeout):
        """Store the content version and the time of the next scheduled change (microseconds,
        0 for none), unless the cache already holds a newer version: versions only grow, so
        a writer that read the database before another's commit cannot put an old one back.
        Both are plain integers, which Django's Redis serializer reads back as ints."""
        if not self.available:
            return
        keys = [self.make_and_validate_key(version_key), self.make_and_validate_key(next_key)]
        try:
            self.version_script(keys=keys, args=[version, next_change, timeout])
        except Exception as error:  # noqa: BLE001
            self.failed(error)


#: Set both keys when ARGV[1] is at least the stored version (equal refreshes the expiry).
KEEP_NEWEST = """
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
if stored <= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""
