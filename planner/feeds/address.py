"""Where the feed server is reached: its default address and the setting that overrides it.

Kept apart from `planner.feeds.catalog` so the app can read the address on every page without
importing the feed machinery (ICS rendering, the tornado server) before a view needs it.
"""

DEFAULT_BASE_URL = "http://127.0.0.1:8765"
BASE_URL_ENV = "PLANNER_FEED_BASE_URL"
