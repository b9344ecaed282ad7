"""axe-core in the browser tests: inject the npm package (tests/browser/node, installed by bin/test) and
fail on any serious or critical violation."""

import json

import pytest

from tests.servers import ROOT

AXE = ROOT / "tests" / "browser" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def violations(page):
    """axe's serious and critical violations on `page` as it is now, as readable lines."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser/node` (bin/test does).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {json.dumps([n['target'] for n in v['nodes']])}"
        for v in found
        if v["impact"] in SEVERE
    ]


def assert_accessible(page):
    """No serious or critical axe-core violation on `page` as it is now."""
    found = violations(page)
    assert found == [], f"axe-core on {page.url}:\n" + "\n".join(found)
