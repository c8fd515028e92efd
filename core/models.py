"""The core app's models live beside the code that uses them; Django finds them here.

Both began in the exercises app and kept their tables when they moved (migration 0001).
"""

from .images import Image
from .pagecache import ContentVersion

__all__ = ["ContentVersion", "Image"]
