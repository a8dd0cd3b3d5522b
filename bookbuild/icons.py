"""The theme's icons, cut down to the ones the site shows.

pydata-sphinx-theme loads Font Awesome Free as one script, ``_static/scripts/fontawesome.js``
(1.45 MB, 529 KB gzip), on every page, to draw some fifteen icons. After the build, that file
is replaced by one that holds only the icons the site names and draws each as an inline SVG, as
Font Awesome does: a few KB. The icons' shapes are read from the theme's own copy, so they are
the theme's icons at its version. The icons wanted are those named by the ``fa-`` classes of
the built pages' HTML (``<i class="fa-solid fa-download">`` and the like), so a setting that
adds one (a repository button, say) gets it in the next build, and those named by class strings
in the site's own scripts under ``_static/`` (the theme's script gives the announcement and
version banners a close button, ``classList="fa-solid fa-xmark"``): a string literal counts only
if each of its words is a whole Font Awesome class, so a fragment (``"fa-" + name``) names no
icon. An icon the theme's copy does not hold fails the build, naming the file that names it.

The script draws the icons in the page when it runs (deferred: the page is parsed) and, as Font
Awesome does with a ``MutationObserver``, those in elements added later or whose class changes
to name one. It keeps the ``<i>`` element (the theme's CSS shows and hides icons by its classes
and attributes) and puts the SVG inside it; ``chengyu.css`` sizes it as Font Awesome's CSS does
and turns off, from the first paint, the glyph that the theme's CSS would draw there with Font
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
# Where classes that may name an icon are: the class attribute of a page's <i> or <span>, and
# a script's string literal (not joined to another by `+`) whose words are all whole Font
# Awesome classes, lowercase names without a trailing hyphen ("fa-IR", a locale, is no icon).
IN_HTML = re.compile(r'<(?:i|span)\b[^>]*\bclass="(?P<names>[^"]*\bfa-[^"]*)"')
_FA_CLASS = r"(?:fa-[a-z0-9]+(?:-[a-z0-9]+)*|fa[sbr])"
IN_SCRIPTS = re.compile(
    rf"(?<!\+)(?<!\+ )([\"'`])(?P<names>{_FA_CLASS}(?:\s+{_FA_CLASS})*)\1(?!\s*\+)"
)


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


def named(files: dict[str, str], where: re.Pattern) -> dict[tuple[str, str], str]:
    """{(pack, icon name): the first file naming it} from the ``files`` ({name: text}), read
    from the class strings that ``where`` finds (its group ``names``): ``IN_HTML`` for pages,
    ``IN_SCRIPTS`` for scripts."""
    wanted: dict[tuple[str, str], str] = {}
    for file, text in files.items():
        for match in where.finditer(text):
            names = match["names"].split()
            style = next((STYLES[n] for n in names if n in STYLES), "fas")
            for name in names:
                if (
                    name.startswith("fa-")
                    and name not in STYLES
                    and not MODIFIERS.fullmatch(name)
                ):
                    wanted.setdefault((style, name.removeprefix("fa-")), file)
    return wanted


def subset_script(bundle: str, wanted: dict[tuple[str, str], str]) -> str:
    """A script that draws the ``wanted`` icons ({(pack, name): the file naming it}), and only
    those, from the ``bundle``'s shapes."""
    shapes = packs(bundle)
    missing = sorted(
        f"{pack} fa-{name} (named in {file})"
        for (pack, name), file in wanted.items()
        if name not in shapes[pack]
    )
    if missing:
        raise ValueError(
            "icons the site names that the theme's Font Awesome lacks: "
            + "; ".join(missing)
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
  const selector = "i[class*='fa-'], span[class*='fa-']";
  const draw = (element) => {
    const names = [...element.classList];
    const style = styles[names.find((name) => name in styles)] || "fas";
    const shape = names.map((name) => icons[`${style} ${name.slice(3)}`]).find(Boolean);
    if (!shape || element.querySelector("svg")) return;
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
  };
  const drawWithin = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(selector)) draw(node);
    node.querySelectorAll(selector).forEach(draw);
  };
  drawWithin(document.documentElement);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes" && change.target.matches(selector)) draw(change.target);
      change.addedNodes.forEach(drawWithin);
    }
  }).observe(document, { childList: true, subtree: true, attributeFilter: ["class"] });
})();
"""
    )


def replace_bundle(outdir: Path) -> None:
    """Replace the built site's Font Awesome bundle by the subset its pages and scripts name."""
    target = outdir / SCRIPT
    if not target.is_file():  # a builder without the theme's static files
        return

    def texts(paths) -> dict[str, str]:
        return {
            str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
            for p in sorted(paths)
            if p != target
        }

    wanted = named(texts(outdir.glob("_static/**/*.js")), IN_SCRIPTS) | named(
        texts(outdir.rglob("*.html")), IN_HTML
    )
    target.write_text(subset_script(theme_bundle(), wanted), encoding="utf-8")
    (outdir / SCRIPT.with_suffix(".js.map")).unlink(missing_ok=True)


def theme_bundle() -> str:
    """The theme's own Font Awesome bundle, as installed (the site's copy may be the subset)."""
    import pydata_sphinx_theme

    theme = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return (theme / "static" / SCRIPT.relative_to("_static")).read_text(
        encoding="utf-8"
    )
