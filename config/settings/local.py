"""Local development: debug on, SQLite and console e-mail unless the environment says otherwise."""

from pathlib import Path

from config.env import env_bool
from config.settings.base import *  # noqa: F403

DEBUG = env_bool("DJANGO_DEBUG", True)

# Serve static files straight from the source folders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The embedded SQLite database lives in var/ (ignored by git); make sure the folder exists.
Path(DATA_DIR).mkdir(parents=True, exist_ok=True)  # noqa: F405
