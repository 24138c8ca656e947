"""Browser seats for tests: the system Chromium driven by Playwright, against a real server.

Playwright's own browsers are never downloaded: `executable_path` is the distribution's
Chromium. Tests using `browser` skip, saying why, when Playwright, Chromium or the built
page (`make web`) is missing. `SeatPage` plays a seat the way a trainee does: through
labels, buttons and forms of the page, never by calling the page's code.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from server.seat_page import BUNDLE

try:
    from playwright.async_api import Browser, BrowserContext, Page, async_playwright
except ImportError:  # pragma: no cover - dev dependency
    async_playwright = None

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "tests" / "screenshots"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
WAIT_MS = 10_000

needs_browser = pytest.mark.skipif(
    async_playwright is None or CHROMIUM is None or not BUNDLE.exists(),
    reason="browser seat tests need playwright (pip), chromium (apt) and the built page (make web)",
)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Headless system Chromium."""
    assert async_playwright is not None and CHROMIUM is not None
    async with async_playwright() as pw:
        b = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield b
        finally:
            await b.close()


@dataclass
class SeatPage:
    """One trainee's browser tab (its own context: its own storage)."""

    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    async def open(self, url: str) -> None:
        await self.page.goto(url)

    async def join(self, role_title: str, name: str) -> None:
        """Fill the name, pick the role by its label, press « Rejoindre la table »."""
        page = self.page
        await page.get_by_label("Votre prénom").fill(name)
        await page.get_by_role("radio", name=role_title).check()
        await page.get_by_role("button", name="Rejoindre la table").click()
        await page.locator("#h-phase").wait_for(timeout=WAIT_MS)

    async def state(self) -> dict[str, Any]:
        """Phase and version held (read from the page, for synchronising the test only)."""
        return dict(
            await self.page.evaluate(
                "() => ({phase: window.capia?.view?.phase ?? null,"
                " version: window.capia?.session?.held?.version ?? -1,"
                " busy: window.capia?.busy?.size ?? 0})"
            )
        )

    async def wait_version(self, version: int) -> None:
        await self.page.wait_for_function(
            "v => (window.capia?.session?.held?.version ?? -1) >= v"
            " && window.capia.busy.size === 0",
            arg=version,
            timeout=WAIT_MS,
        )

    async def settle(self) -> None:
        """Wait until no action of this page waits for its ack."""
        await self.page.wait_for_function("() => window.capia.busy.size === 0", timeout=WAIT_MS)

    async def play_one(self, justification: str, pick: int = 0) -> bool:
        """Do the next thing a trainee would do on this screen; False if nothing is left."""
        page = self.page
        form = page.locator("form.choice").first
        radios = form.locator("input[type=radio]:not([disabled])")
        choices = await radios.count() if await form.count() else 0
        if choices:  # a form whose every option is closed has been answered already
            await radios.nth(pick % choices).check()
            await form.get_by_label("Justification").fill(justification)
            await form.get_by_role("button", name="Envoyer").click()
            await self.settle()
            return True
        if await page.locator("#h-phase", has_text="Marché").count():
            proposed = await page.evaluate(
                "() => capia.view.proposals.some(p => p.seat === capia.view.seat)"
            )
            only = page.get_by_label("Seulement ce que je peux proposer")
            if not proposed and await only.count():
                await only.check()
                card = page.locator("li.card.can").first
                if await card.count():
                    if await card.locator(":scope > details[open]").count() == 0:
                        await card.locator(":scope > details > summary").click()
                    await card.get_by_role("button", name="Proposer").first.click()
                    await self.settle()
                    return True
        ready = page.get_by_role("button", name="Je suis prêt·e")
        if await ready.count() and await ready.is_enabled():
            await ready.click()
            await self.settle()
            return True
        return False

    async def shot(self, name: str, *, full: bool = True) -> Path:
        """A screenshot of what the screen shows now (and of the whole page) in SHOTS."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        if full:
            await self.page.screenshot(path=str(SHOTS / f"{name}-page.png"), full_page=True)
        return path


async def new_seat(browser: Browser, viewport: dict[str, int] = PHONE, **kw: Any) -> SeatPage:
    """A fresh tab with its own storage, recording page errors and dialogs."""
    context = await browser.new_context(viewport=viewport, locale="fr-FR", **kw)
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    seat = SeatPage(context, page)
    page.on("pageerror", lambda e: seat.errors.append(str(e)))
    page.on("console", lambda m: seat.errors.append(m.text) if m.type == "error" else None)

    async def _dialog(d: Any) -> None:
        seat.dialogs.append(d.message)
        await d.dismiss()

    page.on("dialog", _dialog)
    return seat


async def axe_violations(seat: SeatPage) -> list[dict[str, Any]]:
    """axe-core's level A and AA violations on the page as it is now."""
    await seat.page.add_script_tag(path=str(AXE))
    result = await seat.page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' : ' + n.failureSummary)}));
        }"""
    )
    return list(result)
