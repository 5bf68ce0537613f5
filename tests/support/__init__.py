"""Helpers shared by the tests and by `make bench`: projects built in temporary folders,
a served site, a browser, commands run under limits. Nothing here is a test."""
