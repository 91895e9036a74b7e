"""Plots and the HTML report on an experiment of real runs; the report is opened in headless
Chromium, which must decode every embedded image at its stated size and paint it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
import pytest
from matplotlib import image as mpimage

import gigsim
from gigsim.cli import main
from analysis_helpers import ScenarioSpec, make_experiment, python_gigsim, read_manifest_json, write_manifest
from conftest import REPO_ROOT

WIDTH, HEIGHT = 800, 450  # plots.FIGURE_SIZE x plots.FIGURE_DPI


@pytest.fixture(scope="module")
def experiment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """baseline and a language-model release in week 10 (genai_shock.toml, brought forward)
    over a 2 x 2 grid of bid cost x minimum rate, 2 replicates; one run marked failed."""
    directory = make_experiment(
        tmp_path_factory.mktemp("report") / "grid",
        {"baseline": ScenarioSpec(),
         "ai": ScenarioSpec(path=REPO_ROOT / "scenarios" / "genai_shock.toml",
                            overrides={"ai.technologies.llm.release_week": 10,
                                       "ai.technologies.llm.midpoint_weeks": 8})},
        replicates=2, weeks=30,
        sweep=[{"market.bid_cost_usd": cost, "policy.min_hourly_rate_usd": floor}
               for cost in (0.3, 1.5) for floor in (0.0, 15.0)],
    )
    manifest = read_manifest_json(directory)
    failed = next(run for run in manifest["runs"] if run["id"] == "ai/p003/rep1")
    failed.update(status="failed", error="disk full")
    write_manifest(directory, manifest)
    return directory


@pytest.fixture(scope="module")
def loaded(experiment: Path) -> Any:
    with pytest.warns(gigsim.IncompleteRunsWarning):
        return gigsim.load_experiment(experiment)


def png_pixels(path: Path) -> np.ndarray:
    pixels = mpimage.imread(path)
    assert pixels.ndim == 3
    return pixels[..., :3]


def assert_painted(pixels: np.ndarray, what: str) -> None:
    """Not blank: a real share of pixels is not the background, and colours vary."""
    background = np.all(pixels > 0.97, axis=2)
    assert (~background).mean() > 0.02, f"{what}: {100 * (~background).mean():.2f}% painted"
    assert pixels.std() > 0.05, what


def test_every_plot_writes_png_and_svg_of_the_stated_size(loaded: Any, experiment: Path,
                                                          tmp_path: Path) -> None:
    comparison = gigsim.compare(loaded, metrics=["platform_revenue", "jobs_filled"])
    panel = pd_panel()
    event_study = gigsim.did(panel, event_week=12, exposure={"writing": 0.9, "design": 0.1})
    figures = {
        "timeseries": lambda path: gigsim.plot_timeseries(loaded, "jobs_filled", band="ci", path=path),
        "timeseries_category": lambda path: gigsim.plot_timeseries(
            experiment / "runs" / "baseline" / "p000" / "rep0.h5", "median_rate",
            category="software", path=path),
        "differences": lambda path: gigsim.plot_timeseries(
            loaded, "platform_revenue", difference_from="baseline", band="ci", path=path),
        "effects": lambda path: gigsim.plot_effects(comparison, path=path),
        "effects_levels": lambda path: gigsim.plot_effects(comparison, percent=False, path=path),
        "earnings": lambda path: gigsim.plot_earnings_distribution(loaded, path=path),
        "event_study": lambda path: gigsim.plot_event_study(event_study, path=path),
        "surface": lambda path: gigsim.plot_response_surface(
            loaded, "market.bid_cost_usd", "policy.min_hourly_rate_usd", "jobs_filled", path=path),
    }
    for name, draw in figures.items():
        png = tmp_path / f"{name}.png"
        figure = draw(png)
        pixels = png_pixels(png)
        assert pixels.shape[:2] == (round(figure.get_figheight() * 100), WIDTH), name
        if not name.startswith("effects"):
            assert pixels.shape[0] == HEIGHT, name
        assert_painted(pixels, name)
        svg = tmp_path / f"{name}.svg"
        draw(svg)
        assert ElementTree.parse(svg).getroot().tag.endswith("svg"), name

    with pytest.raises(ValueError, match=r"plot\.jpg: give a file name ending in \.png, \.svg, \.pdf"):
        gigsim.plot_timeseries(loaded, "jobs_filled", path=tmp_path / "plot.jpg")
    with pytest.raises(KeyError, match="no series 'jobs_filed'"):
        gigsim.plot_timeseries(loaded, "jobs_filed")
    with pytest.raises(KeyError, match="'fees.flat_rate' is not a sweep parameter; swept: "
                       "market.bid_cost_usd, policy.min_hourly_rate_usd"):
        gigsim.plot_response_surface(loaded, "fees.flat_rate", "market.bid_cost_usd", "jobs_filled")
    adoption = tmp_path / "adoption.png"
    gigsim.plot_adoption(loaded, scenario="ai", path=adoption)
    assert_painted(png_pixels(adoption), "adoption")
    with pytest.raises(KeyError, match="no per-category series 'adoption_shares'"):
        gigsim.plot_adoption(loaded, metric="adoption_shares")


def pd_panel() -> Any:
    """A small synthetic panel (the event-study plot only needs a result to draw)."""
    import pandas as pd

    rng = np.random.default_rng(1)
    week = np.repeat(np.arange(24), 100)
    person = np.tile(np.arange(100), 24)
    category = np.where(person < 50, "writing", "design")
    earnings = rng.normal(100, 10, week.size) - 20 * ((person < 50) & (week >= 12))
    return pd.DataFrame({"week": week, "person_id": person, "category": category,
                         "net_earnings": earnings})


CHECK_SCRIPT = """
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var result = {
    height: Math.ceil(document.documentElement.scrollHeight),
    images: images.map(function (image) {
      var box = image.getBoundingClientRect();  // content box: inside the 1px border
      return {figure: image.getAttribute("data-figure"), complete: image.complete,
              naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight,
              left: box.left + image.clientLeft + window.scrollX,
              top: box.top + image.clientTop + window.scrollY,
              width: image.clientWidth, height: image.clientHeight};
    })
  };
  var out = document.createElement("pre");
  out.id = "render-check";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is needed to check the report (bash scripts/install-deps.sh "
                    "installs it)", pytrace=False)
    return subprocess.run(
        [executable, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--force-device-scale-factor=1", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )


def test_report_renders_every_image_in_chromium(experiment: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = python_gigsim(["report", experiment, "-o", report])
    assert result.returncode == 0, result.stderr
    assert "gigsim: warning:" in result.stderr and "ai/p003/rep1" in result.stderr
    page = report.read_text()

    # Self-contained: no file or network references, every image inline.
    sources = re.findall(r'<img [^>]*src="([^"]*)"', page)
    assert sources and all(src.startswith("data:image/png;base64,") for src in sources)
    assert not re.search(r'(src|href)="(https?:|file:|//)', page)
    stated = int(re.search(r"(\d+) figures\.", page).group(1))
    # effects, category shifts, 2 paired differences, 7 series, adoption, earnings,
    # event study, response surface
    assert stated == len(sources) == 15
    # Content a reader needs: the comparison, the failed run, the scenarios, the build.
    assert "Effects against baseline" in page and "platform_revenue" in page
    assert "ai/p003/rep1: status failed: disk full" in page
    assert "[ai.technologies.llm]" in page and "release_week = 10" in page
    assert "AI adoption by category" in page
    assert "Difference-in-differences around the AI release" in page
    assert "llm released in week 10" in page and "not shown" not in page
    assert "Response surface" in page
    assert "git commit" in page

    checked = tmp_path / "checked.html"
    checked.write_text(page.replace("</body>", CHECK_SCRIPT + "</body>"))
    # Same width as the screenshot below, so that the page lays out the same way.
    dom = chromium("--dump-dom", "--window-size=1280,4000", checked.resolve().as_uri(),
                   profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="render-check">(.*?)</pre>', dom.stdout, re.S)
    assert found, dom.stdout[-2000:]
    state: Dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    images: List[Dict[str, Any]] = state["images"]
    assert [image["figure"] for image in images] == [str(i) for i in range(1, stated + 1)]
    stated_sizes = [(int(w), int(h)) for w, h in
                     re.findall(r'<img [^>]*width="(\d+)" height="(\d+)"', page)]
    assert len(stated_sizes) == stated
    for image, (width, height) in zip(images, stated_sizes):
        assert image["complete"], image
        assert width == WIDTH and height >= HEIGHT
        assert (image["naturalWidth"], image["naturalHeight"]) == (width, height), image
        assert (image["width"], image["height"]) == (width, height), image

    height = min(int(state["height"]) + 16, 16000)
    screenshot = tmp_path / "report.png"
    shot = chromium(f"--screenshot={screenshot}", f"--window-size=1280,{height}",
                    report.resolve().as_uri(), profile=tmp_path / "profile")
    assert shot.returncode == 0 and screenshot.exists(), shot.stderr[-2000:]
    pixels = png_pixels(screenshot)
    assert pixels.shape[1] == 1280
    for image in images:
        top, left, height = int(image["top"]), int(image["left"]), int(image["height"])
        assert top + height <= pixels.shape[0], f"figure {image['figure']} below the screenshot"
        region = pixels[top + 2: top + height - 2, left + 2: left + WIDTH - 2]
        assert_painted(region, f"figure {image['figure']} in the screenshot")
    # Beside a figure the page is background: the check tells paint from blank.
    first = images[0]
    beside = pixels[int(first["top"]): int(first["top"]) + HEIGHT,
                    int(first["left"]) + WIDTH + 20: int(first["left"]) + WIDTH + 200]
    assert np.all(beside > 0.97)


def test_report_refuses_to_overwrite_and_bad_directories(experiment: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    existing = tmp_path / "report.html"
    existing.write_text("keep me")
    assert main(["report", str(experiment), "-o", str(existing)]) == 2
    assert "report.html exists; pass --force" in capsys.readouterr().err
    assert existing.read_text() == "keep me"
    assert main(["report", str(tmp_path / "nowhere"), "-o", str(tmp_path / "r.html")]) == 2
    assert "nowhere: no such directory" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    assert main(["report", str(experiment), "-o", str(tmp_path / "missing" / "r.html")]) == 2
    assert "no such directory for the output" in capsys.readouterr().err
