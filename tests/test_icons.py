"""The theme's icons, cut down to the ones the pages show (bookbuild/icons.py). The shapes are
Font Awesome Free 6.5.2's, as pydata-sphinx-theme bundles them."""

from __future__ import annotations

import pytest

from bookbuild import icons

# Font Awesome 6.5.2, solid "magnifying-glass" (alias "search"): 512 x 512, path starting so
SEARCH_PATH_START = "M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4"


@pytest.fixture(scope="module")
def bundle() -> str:
    return icons.theme_bundle()


def test_the_theme_bundle_yields_the_three_free_packs(bundle):
    packs = icons.packs(bundle)
    assert set(packs) == {"fas", "far", "fab"}
    width, height, path = packs["fas"]["magnifying-glass"]
    assert (width, height) == (512, 512)
    assert path.startswith(SEARCH_PATH_START)
    assert packs["fas"]["search"] == packs["fas"]["magnifying-glass"]  # an alias
    assert "github" in packs["fab"] and "github" not in packs["fas"]


def test_the_icons_used_are_read_from_the_classes_with_their_style():
    page = (
        '<i class="fa-solid fa-magnifying-glass fa-lg"></i>'
        '<span class="fa-brands fa-github"></span>'
        '<i class="fas fa-download"></i>'
        '<i class="theme-switch fa-solid fa-sun   fa-lg" data-mode="light"></i>'
        '<p class="fa-bars">not an icon element</p>'
    )
    assert icons.used([page]) == {
        ("fas", "magnifying-glass"),
        ("fab", "github"),
        ("fas", "download"),
        ("fas", "sun"),
    }


def test_the_subset_holds_the_icons_asked_for_and_no_other(bundle):
    script = icons.subset_script(bundle, {("fas", "magnifying-glass")})
    assert SEARCH_PATH_START in script
    assert '"fas magnifying-glass": [512, 512,' in script
    assert script.count('": [') == 1
    assert script.startswith("/*!")  # Font Awesome's licence line is kept
    assert len(script) < 3000


def test_an_icon_the_theme_lacks_fails_the_build(bundle):
    with pytest.raises(ValueError, match="fas fa-no-such-icon"):
        icons.subset_script(bundle, {("fas", "no-such-icon")})


def test_a_bundle_of_another_layout_is_refused():
    with pytest.raises(ValueError, match="no longer has the layout"):
        icons.packs("(()=>{ /* some other Font Awesome */ })();")
