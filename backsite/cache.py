"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache call. redis-py 8
builds its response-callback table in that constructor, about 0.2 ms a time: as much as the
rest of a cached page hit. A client is only a handle on its (thread-safe, fork-aware)
connection pool, so one per pool serves every call.

It can also hold the page cache's content version (``publish_version``): the page cache then
reads the version and the page in one round trip (see exercises/pagecache.py).
"""

from django.core.cache.backends import redis


class ReusingRedisCacheClient(redis.RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def publish_version(self, version_key, version, next_key, next_change, timeout):
        """Store the content version and the time of the next scheduled change (microseconds,
        0 for none), unless the cache already holds a newer version: versions only grow, so
        a writer that read the database before another's commit cannot put an old one back.
        Both are plain integers, which Django's Redis serializer reads back as ints."""
        client = self._cache.get_client(write=True)
        keys = [self.make_and_validate_key(version_key), self.make_and_validate_key(next_key)]
        client.eval(KEEP_NEWEST, 2, *keys, version, next_change, timeout)


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
