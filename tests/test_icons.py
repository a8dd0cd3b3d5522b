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
    assert icons.named({"index.html": page}, icons.IN_HTML) == {
        ("fas", "magnifying-glass"): "index.html",
        ("fab", "github"): "index.html",
        ("fas", "download"): "index.html",
        ("fas", "sun"): "index.html",
    }


def test_icons_named_by_a_class_string_in_a_script_are_wanted():
    # as pydata-sphinx-theme's script gives its banners a close button, minified
    script = (
        'const r=document.createElement("i");o.append(r),r.classList="fa-solid fa-xmark",'
        "b.className='fab fa-github fa-lg';c.className=`far fa-bell`;"
        "d.innerHTML='<i class=\"fa-solid fa-bars\"></i>'"
    )
    assert icons.named({"theme.js": script}, icons.IN_SCRIPTS) == {
        ("fas", "xmark"): "theme.js",
        ("fab", "github"): "theme.js",
        ("far", "bell"): "theme.js",
        ("fas", "bars"): "theme.js",
    }


@pytest.mark.parametrize(
    "script",
    [
        'e.className="fa-"+name',  # a prefix
        'e.className="fa-solid fa-"+name',
        'e.className="fa-arrow-"+side',  # a name cut short
        'e.className="fa-solid "+icon',
        'e.className=prefix+"fa-xmark"',  # joined to another string
        'e.className="fa-solid fa-x"+"mark"',
        "e.className=`fa-${name}`",  # a template
        'document.querySelector(".fa-xmark, i.fa-bars")',  # selectors, not classes
        'const lang="fa-IR"',  # Persian (Iran), a locale
        'e.className="icon fa-xmark"',  # a word that is no Font Awesome class
        'e.title="fa-xmark is drawn here"',
        'e.className="fa-solid fa-lg"',  # a style and a size, no icon
    ],
)
def test_a_fragment_of_a_class_in_a_script_names_no_icon(script):
    assert icons.named({"theme.js": script}, icons.IN_SCRIPTS) == {}


def test_the_subset_holds_the_icons_asked_for_and_no_other(bundle):
    script = icons.subset_script(bundle, {("fas", "magnifying-glass"): "index.html"})
    assert SEARCH_PATH_START in script
    assert '"fas magnifying-glass": [512, 512,' in script
    assert script.count('": [') == 1
    assert script.startswith("/*!")  # Font Awesome's licence line is kept
    assert "new MutationObserver" in script  # icons added after load are drawn too
    assert len(script) < 3000


def test_an_icon_the_theme_lacks_fails_the_build_naming_the_file(bundle):
    wanted = {
        ("fas", "xmark"): "index.html",
        ("fas", "no-such-icon"): "_static/scripts/theme.js",
    }
    with pytest.raises(
        ValueError,
        match=r"lacks: fas fa-no-such-icon \(named in _static/scripts/theme\.js\)$",
    ):
        icons.subset_script(bundle, wanted)


def test_the_bundle_is_replaced_by_the_icons_the_pages_and_scripts_name(
    bundle, tmp_path
):
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / icons.SCRIPT).write_text(bundle, encoding="utf-8")
    (tmp_path / "_static" / "scripts" / "theme.js").write_text(
        'r.classList="fa-solid fa-xmark"', encoding="utf-8"
    )
    (tmp_path / "index.html").write_text(
        '<i class="fa-solid fa-bars"></i>', encoding="utf-8"
    )
    icons.replace_bundle(tmp_path)
    script = (tmp_path / icons.SCRIPT).read_text(encoding="utf-8")
    assert '"fas bars": [' in script and '"fas xmark": [' in script
    assert script.count('": [') == 2


def test_a_bundle_of_another_layout_is_refused():
    with pytest.raises(ValueError, match="no longer has the layout"):
        icons.packs("(()=>{ /* some other Font Awesome */ })();")
