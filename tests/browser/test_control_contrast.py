"""Readable in every state: each control of the site's own making keeps AA text contrast
(4.5:1, WCAG 1.4.3) at rest, hovered, focused by keyboard and pressed, in both colour
schemes, and shows its keyboard focus with an outline of 2px or more that stands 3:1 from
what is around it (WCAG 1.4.11, 2.4.7).

axe (test_accessibility.py) sees controls at rest only. Here each page is loaded once per
scheme and every state measured in the page: keyboard focus for real (each control focused
with no mouse used, so that `:focus-visible` applies, which is checked), hover and press
forced by Chromium's DevTools protocol (`CSS.forcePseudoState`), which sets `:hover` and
`:active` as the mouse does without clicking anything. Transitions are turned off so that
computed colours are the final ones. A colour is measured against the background the control
shows it on: its own and its ancestors' background colours, composited until one is opaque.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import SCHEMES, settle

TEXT = 4.5  # WCAG 2.1 AA, normal text (the controls' text is under 18.66px bold)
FOCUS = 3.0  # WCAG 2.1 AA, non-text contrast: the focus outline against what is around it

CONTROLS = {
    "primary button": ".md-typeset .md-button.md-button--primary",
    "outlined button": ".md-typeset .md-button:not(.md-button--primary)",
    "suggest link": ".md-typeset .handbook-suggest",
    "form field": ".handbook-plan-form :is(input, select, textarea)",
    "filter field": ".handbook-filters :is(input, select)",
    "filter button": ".handbook-filters button",
    "sort button": ".handbook-catalogue th button",
    "sort field": ".handbook-sort select",
}
"""The site's own controls, by kind. Material's (header, search, palette toggle, navigation)
are its own business and not listed."""

PAGES: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "contribute/": (
        {"primary button", "outlined button", "form field"},
        (
            "Check the plan",
            "Start over",
            "Download plan file",
            "Copy",
            "Fill the form from the pasted file",
            "Open a pull request",
            "Add a goal",
            "Add an activity",
            "Move ",
            "Remove ",
        ),
    ),
    "plans/sample-district-plan/goal-1/": (
        {"primary button", "outlined button", "suggest link"},
        ("Print this page", "PDF of every goal page", "Propose changes to this plan"),
    ),
    "plans/sample-district-plan/": ({"suggest link"}, ("Propose changes to this plan",)),
    "catalogue/": (
        {"outlined button", "filter field", "filter button", "sort button", "sort field", "suggest link"},
        ("Show more", "Clear filters", "Promising practices only", "Level", "Status"),
    ),
    "plans/": ({"filter field", "suggest link"}, ("Find a plan", "Propose a plan")),
}
"""Each page measured, the kinds of control it must hold and words some of them must say: the
selectors cannot find nothing and pass."""

SMALL_PLAN = """\
---
title: Harbor View District Leadership Plan
level: district
organization: Harbor View School District
goals:
  - title: Families and teachers talk every month
    strategies: [Share knowledge]
    audience: Families of every student
    activities:
      - text: A newsletter home each month
      - text: Family nights at every school
---
"""
"""A plan for the form: one goal of two activities, so that Move and Remove buttons are drawn,
and valid, so that the pull-request link is offered. (A sample plan draws three times the
fields, all alike, and makes the test three times slower.)"""

PROBE = r"""
(controls) => {
  // Controls of each kind, visible, marked with their index in document order. Buttons that
  // wait hidden for their moment (the catalogue's "Show more" below a long list) are shown,
  // as they are then; the PDF link beside Print is added as _print.html writes it where the
  // build printed PDFs (a test build prints none).
  const actions = document.querySelector(".handbook-print-actions");
  if (actions && !actions.querySelector("a.md-button")) {
    actions.insertAdjacentHTML("beforeend",
      ' <a class="md-button" href="plan.pdf" download>PDF of every goal page of the plan</a>');
  }
  document.querySelectorAll(".md-typeset .md-button[hidden]").forEach((b) => { b.hidden = false; });
  if (document.activeElement) document.activeElement.blur();  // at rest, nothing has the focus
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; }";
  document.head.appendChild(style);

  const kinds = new Map();
  for (const [kind, selector] of Object.entries(controls)) {
    for (const el of document.querySelectorAll(selector)) {
      if (!kinds.has(el) && el.getClientRects().length) kinds.set(el, kind);
    }
  }
  const marked = [...kinds.keys()].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  marked.forEach((el, i) => el.setAttribute("data-contrast-probe", String(i)));

  const rgba = (text) => {
    const m = /^rgba?\(([^)]*)\)$/.exec(text);
    if (!m) throw new Error("a colour this test cannot read: " + text);
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  // What shows behind an element: its own background and its ancestors', down to an opaque one
  // (the page's canvas, white, if none is).
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  // A box's text is its own, a checkbox's is its label's.
  const textOf = (el) => (el.type === "checkbox" || el.type === "radio") ? (el.closest("label") || el.labels[0]) : el;
  const nameOf = (el) => {
    const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
    const own = ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) ? "" : el.innerText;
    return (own || label || el.getAttribute("aria-label") || el.id).trim().split("\n")[0].slice(0, 60);
  };
  const measure = (el, state) => {
    const text = textOf(el);
    const behind = background(text);
    const colour = over(rgba(getComputedStyle(text).color), behind);
    const result = {
      index: Number(el.getAttribute("data-contrast-probe")), kind: kinds.get(el), name: nameOf(el), state,
      text: hex(colour), background: hex(behind), ratio: ratio(colour, behind),
    };
    if (state === "focused") {
      const s = getComputedStyle(el);
      const around = background(el.parentElement);
      const outline = over(rgba(s.outlineColor), around);
      Object.assign(result, {
        focusVisible: el === document.activeElement && el.matches(":focus-visible"),
        outline: s.outlineStyle + " " + s.outlineWidth + " " + hex(outline),
        outlineShown: s.outlineStyle !== "none" && s.outlineStyle !== "hidden" && parseFloat(s.outlineWidth) >= 2,
        outlineRatio: ratio(outline, around), around: hex(around),
      });
    }
    return result;
  };
  window.contrastProbe = {
    measure: (state) => marked.map((el) => measure(el, state)),
    // Focus moved by script with no mouse used: Chromium shows it as keyboard focus.
    focus: () => marked.map((el) => {
      el.focus({ preventScroll: true });
      const result = measure(el, "focused");
      el.blur();
      return result;
    }),
  };
  return marked.map((el) => ({ kind: kinds.get(el), name: nameOf(el) }));
}
"""


def open_page(page: Any, url: str) -> None:
    """A page as a visitor has it, drawn by its scripts, with no mouse used (a pointer left on
    a control would hover it, and a click would keep later focus from showing as keyboard's)."""
    page.goto(url)
    settle(page)
    if url.endswith("contribute/"):
        page.get_by_label("Paste a plan file").fill(SMALL_PLAN)
        page.get_by_role("button", name="Fill the form from the pasted file").press("Enter")
        page.get_by_label("File name").fill("harbor-view")
        page.get_by_role("link", name="Open a pull request").wait_for()  # checked: no problem


def forced(page: Any) -> list[dict[str, Any]]:
    """Every marked control measured hovered, then pressed: `:hover`, then `:active`, forced on
    each as DevTools forces them (no pointer moves, nothing is clicked). Closing the session
    lifts them."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-contrast-probe]"})["nodeIds"]
    results: list[dict[str, Any]] = []
    for pseudo_class, state in (("hover", "hovered"), ("active", "pressed")):
        for node in nodes:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": [pseudo_class]})
        measured = page.evaluate("state => contrastProbe.measure(state)", state)
        assert len(measured) == len(nodes)
        results += measured
    cdp.detach()
    return results


def problems(url: str, scheme: str, measured: dict[str, Any]) -> list[str]:
    where = f"{url} [{scheme}] {measured['kind']} {measured['name']!r} {measured['state']}"
    found = []
    if measured["ratio"] < TEXT:
        found.append(
            f"{where}: text {measured['text']} on {measured['background']} is {measured['ratio']:.2f}:1 (< {TEXT})"
        )
    if measured["state"] == "focused":
        if not measured["focusVisible"]:
            found.append(f"{where}: focus moved by keyboard does not match :focus-visible")
        if not measured["outlineShown"] or measured["outlineRatio"] < FOCUS:
            found.append(
                f"{where}: focus outline {measured['outline']} on {measured['around']} is "
                f"{measured['outlineRatio']:.2f}:1 (wanted 2px or more and {FOCUS}:1)"
            )
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_control_is_readable_in_every_state(browser: Any, base_url: str, scheme: str) -> None:
    assert set(CONTROLS) == set().union(*(kinds for kinds, _ in PAGES.values()))  # each kind is looked for
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures: list[str] = []
    for url, (kinds, words) in PAGES.items():
        open_page(page, base_url + url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        page.keyboard.press("Shift")  # the last thing a visitor did was a key, not the mouse
        found = page.evaluate(PROBE, CONTROLS)
        assert kinds <= {f["kind"] for f in found}, (
            f"{url}: no control of {kinds - {f['kind'] for f in found}}"
        )
        names = [f["name"] for f in found]
        missing = [w for w in words if not any(name.startswith(w) for name in names)]
        assert not missing, f"{url}: no control says {missing}; found {sorted(set(names))}"
        states = [
            page.evaluate("contrastProbe.measure('normal')"),
            page.evaluate("contrastProbe.focus()"),
            forced(page),
        ]
        for measured in (m for state in states for m in state):
            failures += problems(url, scheme, measured)
    context.close()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
