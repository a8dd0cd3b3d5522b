"""The theme's icons, cut down to the ones the site shows.

pydata-sphinx-theme loads Font Awesome Free as one script, ``_static/scripts/fontawesome.js``
(1.45 MB, 529 KB gzip), on every page, to draw some fifteen icons. After the build, that file
is replaced by one that holds only the icons the built pages name (``<i class="fa-solid
fa-download">`` and the like) and draws each as an inline SVG, as Font Awesome does: a few KB.
The icons' shapes are read from the theme's own copy, so they are the theme's icons at its
version. A page's icons are found in its HTML, so a setting that adds one (a repository
button, say) gets it in the next build; an icon the theme's copy does not hold fails the build.

The script keeps the ``<i>`` element (the theme's CSS shows and hides icons by its classes and
attributes) and puts the SVG inside it; ``chengyu.css`` sizes it as Font Awesome's CSS does and
turns off, from the first paint, the glyph that the theme's CSS would draw there with Font
Awesome's web font (156 KB), which a page then loads only if its CSS draws another icon with it
(an admonition's).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SCRIPT = Path("_static") / "scripts" / "fontawesome.js"

# Font Awesome's class names for its styles, and the pack each draws from
STYLES = {
    "fas": "fas",
    "fa-solid": "fas",
    "far": "far",
    "fa-regular": "far",
    "fab": "fab",
    "fa-brands": "fab",
}
# Font Awesome's classes that change an icon's size or layout rather than name it
MODIFIERS = re.compile(r"fa-(?:\d+x|2?xs|sm|lg|xl|2xl|fw|spin|pulse|border|inverse)")

# In the bundle, each pack is an object literal `var p={name:[width,height,[aliases],"unicode",
# "path"],...}` handed to the registering function as `d("fas",p)`.
PACK = re.compile(
    r'var p=\{(.*?)\};!function\(c\).*?\(function\(\)\{d\("(fa[bsr])",p\)', re.S
)
ICON = re.compile(
    r'(?:"([\w-]+)"|([\w$]+)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+","([^"]*)"\]'
)
CLASSES = re.compile(r'<(?:i|span)\b[^>]*\bclass="([^"]*\bfa-[^"]*)"')


def packs(bundle: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """{pack: {icon name or alias: (width, height, SVG path)}} from the theme's bundle."""
    found: dict[str, dict[str, tuple[int, int, str]]] = {}
    for body, pack in PACK.findall(bundle):
        icons = found.setdefault(pack, {})
        for quoted, bare, width, height, aliases, path in ICON.findall(body):
            shape = (int(width), int(height), path)
            icons[quoted or bare] = shape
            for alias in re.findall(r'"([\w-]+)"', aliases):
                icons.setdefault(alias, shape)
    if set(found) != {"fas", "far", "fab"}:
        raise ValueError(
            f"the theme's {SCRIPT.name} no longer has the layout bookbuild/icons.py reads "
            f"(packs found: {sorted(found) or 'none'})"
        )
    return found


def used(pages: list[str]) -> set[tuple[str, str]]:
    """{(pack, icon name)} named by the ``fa-`` classes of the pages' HTML."""
    wanted = set()
    for page in pages:
        for classes in CLASSES.findall(page):
            names = classes.split()
            style = next((STYLES[n] for n in names if n in STYLES), "fas")
            for name in names:
                if (
                    name.startswith("fa-")
                    and name not in STYLES
                    and not MODIFIERS.fullmatch(name)
                ):
                    wanted.add((style, name.removeprefix("fa-")))
    return wanted


def subset_script(bundle: str, wanted: set[tuple[str, str]]) -> str:
    """A script that draws the ``wanted`` icons, and only those, from the ``bundle``'s shapes."""
    shapes = packs(bundle)
    missing = sorted(
        f"{pack} fa-{name}" for pack, name in wanted if name not in shapes[pack]
    )
    if missing:
        raise ValueError(
            f"icons the pages use that the theme's Font Awesome lacks: {missing}"
        )
    icons = ",\n".join(
        f"    {json.dumps(f'{pack} {name}')}: {json.dumps(shapes[pack][name])}"
        for pack, name in sorted(wanted)
    )
    licence = re.match(r"/\*!.*?\*/", bundle, re.S)
    return (
        (licence[0] + "\n" if licence else "")
        + "/* The theme's Font Awesome icons that this site shows, drawn as inline SVG"
        " (made by bookbuild/icons.py). */\n"
        + "(() => {\n"
        + f"  const icons = {{\n{icons}\n  }};\n"
        + f"  const styles = {json.dumps(STYLES)};\n"
        + """  const svg = "http://www.w3.org/2000/svg";
  for (const element of document.querySelectorAll("i[class*='fa-'], span[class*='fa-']")) {
    const names = [...element.classList];
    const style = styles[names.find((name) => name in styles)] || "fas";
    const shape = names.map((name) => icons[`${style} ${name.slice(3)}`]).find(Boolean);
    if (!shape || element.querySelector("svg")) continue;
    const [width, height, path] = shape;
    const icon = document.createElementNS(svg, "svg");
    icon.setAttribute("class", "svg-inline--fa");
    icon.setAttribute("viewBox", `0 0 ${width} ${height}`);
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("focusable", "false");
    const shapePath = document.createElementNS(svg, "path");
    shapePath.setAttribute("fill", "currentColor");
    shapePath.setAttribute("d", path);
    icon.append(shapePath);
    element.append(icon);
  }
})();
"""
    )


def replace_bundle(outdir: Path) -> None:
    """Replace the built site's Font Awesome bundle by the subset its pages use."""
    target = outdir / SCRIPT
    if not target.is_file():  # a builder without the theme's static files
        return
    pages = [p.read_text(encoding="utf-8") for p in sorted(outdir.rglob("*.html"))]
    target.write_text(subset_script(theme_bundle(), used(pages)), encoding="utf-8")
    (outdir / SCRIPT.with_suffix(".js.map")).unlink(missing_ok=True)


def theme_bundle() -> str:
    """The theme's own Font Awesome bundle, as installed (the site's copy may be the subset)."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return (theme / "static" / SCRIPT.relative_to("_static")).read_text(
        encoding="utf-8"
    )
