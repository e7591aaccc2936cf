"""Work lanes: the queues tasks are put on, each with workers of its own, so that mail never
waits behind bulk work (docs/operations.md, "Work lanes").

- `MAIL`: delivering e-mail (the outbox), short and urgent;
- `DEFAULT`: what a person waits for: scheduler runs, printing, imports, reports, sends;
- `BULK`: work that may take long and nobody watches: match-index refreshes and rebuilds,
  retention and pruning.
"""

from __future__ import annotations

MAIL = "mail"
DEFAULT = "default"
BULK = "bulk"
LANES = (MAIL, DEFAULT, BULK)
