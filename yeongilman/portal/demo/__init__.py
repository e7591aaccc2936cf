"""The demo world at real size: a few hundred invented organisations of Pohang and its partner
regions (`world`, from the bilingual `catalogue`), and what they do on the platform (B2B days,
a pavilion, calls, agreements, figures), written through the apps' services by `load`."""
