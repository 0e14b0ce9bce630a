"""Benchmarks of the portal (not tests): `make bench SCALE=city|province|nation`."""
