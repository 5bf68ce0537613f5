"""The offline copy (`make offline` turns Material's offline plugin on), and the copy a
published site offers for download."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from mkdocs_handbook.config import HandbookConfig
from mkdocs_handbook.plans import project_dir

OFFLINE_PLUGIN = "material/offline"
IFRAME_WORKER = "javascripts/vendor/iframe-worker-shim.js"
"""Material's offline search runs its worker in an iframe under `file://`, through this shim."""


def offline_copy(config: MkDocsConfig) -> bool:
    """Whether this build is the offline copy (Material's offline plugin on)."""
    plugin = config.plugins.get(OFFLINE_PLUGIN)
    return plugin is not None and bool(plugin.config.enabled)


def self_contained(config: MkDocsConfig, settings: HandbookConfig) -> None:
    """The offline copy is self-contained.

    Material's offline plugin adds its worker shim from a CDN unless a polyfill named
    iframe-worker is listed already: the copy is for rooms without a network, and visitors'
    browsers contact no third party, so the site serves its own (this runs before the
    plugin: the handbook's `on_config` has the higher priority). And the copy never offers
    itself for download.
    """
    if offline_copy(config):
        config.extra["polyfills"] = [IFRAME_WORKER]
        settings.offline_zip = ""


def offline_download(config: MkDocsConfig, settings: HandbookConfig) -> Path | None:
    """The offline copy to publish with this site (`offline_zip`), if any.

    The Pages workflow sets it after `make offline`; the home page then links it (macros.py).
    """
    if not settings.offline_zip:
        return None
    download = project_dir(config) / settings.offline_zip
    if not download.is_file():
        raise PluginError(
            f"offline copy {download} not found: run `make offline` first, or unset HANDBOOK_OFFLINE_ZIP"
        )
    return download
