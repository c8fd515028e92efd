"""Django's Redis cache backend, keeping one redis-py client per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every cache call. redis-py 8
builds its response-callback table in that constructor, about 0.2 ms a time: as much as the
rest of a cached page hit. A client is only a handle on its (thread-safe, fork-aware)
connection pool, so one per pool serves every call.
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
