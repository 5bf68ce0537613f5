"""The commands a maintainer or editor runs: `make check`, `make new-plan`."""
