"""Compiled templates kept in an in-memory store, through Jinja's bytecode-cache interface.

Used by the dev server only, whose rebuilds would otherwise compile every template again: code
is never loaded from the cache folder on disk, which anyone who can write the site root could
fill. Jinja checks each entry against a checksum of the template's source, so an edited template
is compiled again; the key also holds psoasguide's versions (`keys.versions`), which fix the
environment's settings.
"""

from __future__ import annotations

import jinja2

from .keys import key_of, versions
from .protocol import Cache


class TemplateCode(jinja2.BytecodeCache):
    """A `jinja2.BytecodeCache` over a psoasguide cache store (on disk or in memory)."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        return key_of("template-code", versions(), bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` with code stored for its template and source, if any."""
        data = self.cache.get("template-code", self._key(bucket))
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store the code Jinja compiled into `bucket`."""
        self.cache.put("template-code", self._key(bucket), bucket.bytecode_to_string())
