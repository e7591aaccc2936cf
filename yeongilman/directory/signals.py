"""Signals the directory sends for what model signals miss."""

from django.dispatch import Signal

# Sent after the commit of a bulk insert/update (imports, synthetic data), with `ids`: the
# primary keys of the organisations created or changed. Bulk writes fire no post_save.
organisations_saved_in_bulk = Signal()
