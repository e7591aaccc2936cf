import os as _os

# numpy's OpenBLAS threads busy-wait after each product and starve the encoder's own threads
# (measured: a matchmaking query's p50 went from 114 to 61 ms on two cores). Matrix-vector
# products need no threads; a deployment can still override this.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
