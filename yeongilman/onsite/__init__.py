"""On site: signed registration codes (QR), check-in at the desk, badges and printed agendas."""
