"""The words of the charts and tables in Chinese: one mapping for the whole book.

A chart or a table is drawn once, with English labels; the Chinese edition shows the same
chart with every title, axis title, legend, tooltip and source note, and every table header,
passed through :func:`zh`. Nothing is retyped per chart: a label is translated here, once, and
a label that this module cannot translate stops the notebook with its text, so that the
Chinese edition never shows an English label silently.

:func:`zh` looks a label up in :data:`ZH`, then in the regions' names (``regions.csv``), then
takes it apart by the patterns the charts' labels follow (``"<what>, 2020–2023"``, ``"English
中文"``, a pair ``"A–B"``, ``"<what>, <region>"``) and translates the parts.
"""

from __future__ import annotations

import re
from functools import cache

#: Labels in English → Chinese, in the paper's terms (see the glossary).
ZH = {
    # axes, legends, tooltips
    " ": " ",
    "Year": "年份",
    "Years": "年份",
    "Date": "日期",
    "Title": "英文标题",  # the policy timeline's tooltip shows the Chinese title (标题) too
    "Issuer": "发布机关",
    "Value": "数值",
    "Value, latest year of each pair": "数值（各组最近年份）",
    "GDP (亿元, current prices)": "地区生产总值（亿元，现价）",
    "GDP per head (yuan)": "人均地区生产总值（元）",
    "Share of national GDP (%)": "占全国GDP比重（%）",
    "Share of national value added (%)": "占全国增加值比重（%）",
    "Share of value added (%)": "占增加值比重（%）",
    "Share (%)": "比重（%）",
    "Tertiary / secondary value added": "第三产业增加值/第二产业增加值",
    "Moore index (degrees)": "Moore结构变化值（度）",
    "Change, 2020–2023 (亿元)": "变化量，2020–2023（亿元）",
    "Contribution (percentage points)": "拉动（百分点）",
    "Compound growth per year (%)": "年均复合增长率（%）",
    "Growth in the year": "当年增长",
    "Location quotient (nation = 1)": "区位熵（全国 = 1）",
    "Similarity coefficient S": "产业结构相似系数 S",
    "Krugman index K": "克鲁格曼指数 K",
    "Krugman index": "克鲁格曼指数",
    "Structural similarity coefficient": "产业结构相似系数",
    "Location-quotient gap": "区位熵差距",
    "Coupling coordination D": "耦合协调度 D",
    "Coupling coordination degree D": "耦合协调度 D",
    "D coupling coordination": "D 耦合协调度",
    "Score (0 to 1)": "得分（0–1）",
    "Entropy weight": "熵权",
    "R&D expenditure (% of GDP)": "R&D经费（占GDP的%）",
    "R&D expenditure (亿元)": "R&D经费（亿元）",
    "High-tech enterprises (firms)": "高新技术企业（家）",
    "Both cities pooled": "两市合并标准化",
    "Each city over its own years": "各市按自身年份标准化",
    "pooled": "合并",
    "own": "各自",
    "entropy weights, each city's own years": "熵权，各市自身年份",
    "entropy weights, pooled": "熵权，合并",
    "equal weights, each city's own years": "等权，各市自身年份",
    "equal weights, pooled": "等权，合并",
    "National growth": "全国增长分量",
    "Industry mix": "产业结构分量",
    "Competitive (regional)": "竞争力分量（区域）",
    "Primary": "第一产业",
    "Secondary": "第二产业",
    "Tertiary": "第三产业",
    "primary": "第一产业",
    "secondary": "第二产业",
    "tertiary": "第三产业",
    "u₁ Chengdu": "u₁ 成都市",
    "u₂ Chongqing Municipality": "u₂ 重庆市",
    "secondary value added": "第二产业增加值",
    "tertiary value added": "第三产业增加值",
    "tertiary / secondary value added": "第三产业/第二产业增加值",
    "share of national value added": "占全国增加值比重",
    "The paper: co-innovation 协同创新总指数": "论文：协同创新总指数",
    "after the paper": "论文之后",
    # chart titles and subtitles (a title's years are split off first)
    "Milestones of the Twin-City Economic Circle": "成渝地区双城经济圈大事记",
    "GDP": "地区生产总值",
    "Each region's share of national GDP": "各地区占全国GDP的比重",
    "GDP per head (year-end population)": "人均地区生产总值（年末常住人口）",
    "Three-sector structure": "三次产业结构",
    "Sector shares of the nation and the regions": "全国与各地区的三次产业比重",
    "Advancement ratio (产业结构高级化)": "产业结构高级化（第三产业/第二产业增加值）",
    "Structural change from one year to the next (Moore index)": "逐年结构变化（Moore结构变化值）",
    "Shift-share decomposition of the change in value added": "增加值变化的偏离-份额分解",
    "Each sector's contribution to nominal growth of value added": "各产业对名义增长的拉动",
    "Each region's share of national value added, by sector": "各地区分产业增加值占全国比重",
    "Location quotients by sector against the national economy": "相对全国的分产业区位熵",
    "Structural similarity coefficient, three sectors": "产业结构相似系数（三次产业）",
    "Krugman specialisation index, three sectors": "克鲁格曼专业化指数（三次产业）",
    "Composite scores and coupling coordination degree": "综合得分与耦合协调度",
    "Entropy weights of the indicators, each city over its own years": "各指标的熵权（各市按自身年份）",
    "Coupling coordination degree under four choices": "四种设定下的耦合协调度",
    "Innovation indices of the economic circle: growth per year over each base": (
        "经济圈创新指数：相对各自基期的年均增长"
    ),
    "R&D expenditure (研发经费)": "研发经费",
    "R&D intensity (研发投入强度)": "研发投入强度",
    "Recognised high-tech enterprises (高新技术企业)": "认定高新技术企业数",
    "The focus pair among its peers, each pair in its latest year": "研究城市组与对标城市组（各组最近年份）",
    "The focus pair and its peers on four measures": "研究城市组与对标城市组的四项指标",
    "0 = identical structures; larger = more different": "0 = 结构相同；数值越大差异越大",
    "1 = identical structures": "1 = 结构相同",
    "Benchmark: national value added (preliminary estimates)": "基准：全国增加值（初步核算数）",
    "Chengdu is part of Sichuan; a missing bar is a year without a verified figure": (
        "成都市属四川省；缺少柱形的年份没有经核实的数字"
    ),
    "Chengdu is part of Sichuan; gaps are years without a verified figure": (
        "成都市属四川省；断点处为没有经核实数字的年份"
    ),
    "Dashed line: the national structure (LQ = 1)": "虚线：全国结构（区位熵 = 1）",
    "Each gridline is a band boundary (bands are 0.1 wide)": "每条网格线为一个等级的边界（每级宽0.1）",
    "Each panel has its own scale; a line covers the years both cities have": (
        "各分图刻度不同；折线只覆盖两市均有数据的年份"
    ),
    "Gaps: years without a sourced three-sector split": "断点：没有有来源的三次产业数据的年份",
    "Gaps: years without a verified population figure": "断点：没有经核实人口数字的年份",
    "Grey: the paper's 2020-based figure; purple: the 2019-based releases": (
        "灰色：论文的2020年基期数字；紫色：2019年基期的发布数字"
    ),
    "No bar: no three-sector split for one of the two years": "无柱形：两年中有一年没有三次产业数据",
    "One panel per measure, one dot per pair; each panel has its own scale": (
        "每项指标一个分图，每组城市一个点；各分图刻度不同"
    ),
    "Points are verified figures; gaps are years without one": "点为经核实的数字；断点处为缺少数字的年份",
    "The paper's Table 2, recomputed, over every year the data hold": "重新计算的论文表2，覆盖数据包中的所有年份",
    "The same data, normalised two ways: levels are relative to the years observed": (
        "同一数据的两种标准化：水平值相对于所观察的年份"
    ),
    # table headers
    "Agrees": "一致",
    "Band": "等级",
    "Base": "基期",
    "Borne out": "成立",
    "Borne out, unrounded": "成立（未取整）",
    "C": "C",
    "Change": "变化",
    "Change (points)": "变化（百分点）",
    "City": "城市",
    "Claimed": "论文所述",
    "Claims": "论断",
    "Continued": "延续",
    "Contribution (%, 贡献率)": "贡献率（%）",
    "Count": "数量",
    "D": "D",
    "D from": "D 起",
    "Data": "数据",
    "Description": "说明",
    "Difference": "差值",
    "Difference, ≈ price growth (points)": "差值，≈ 价格增长（百分点）",
    "Document": "文件",
    "Figure": "数字",
    "File": "文件",
    "Found": "找到",
    "From": "起",
    "GDP (亿元)": "地区生产总值（亿元）",
    "GDP basis": "GDP口径",
    "GDP growth, released (%)": "GDP增速，发布数（%）",
    "Group": "组别",
    "Growth over the period (%)": "期间增长（%）",
    "Id": "编号",
    "Index, period": "指数，时期",
    "Indicator": "指标",
    "Key": "键",
    "Latest year": "最近年份",
    "Meaning": "含义",
    "Measure": "指标",
    "Members": "成员",
    "Named by the paper (as)": "论文的称法",
    "Nominal growth (%)": "名义增长（%）",
    "Normalised": "标准化方式",
    "Note": "注",
    "Pair": "城市组",
    "Paper": "论文",
    "Paper's direction": "论文所述方向",
    "Paper's last year": "论文最后年份",
    "Per year (%)": "年均（%）",
    "Population (万人)": "常住人口（万人）",
    "Primary share (%)": "第一产业比重（%）",
    "Published": "发布日期",
    "Published by": "发布机关",
    "Publisher": "发布机关",
    "Pull (points, 拉动)": "拉动（百分点）",
    "Quantity": "指标",
    "Real growth, released (%)": "实际增速，发布数（%）",
    "Recomputed": "重新计算",
    "Region": "地区",
    "Rows": "行数",
    "Searched for": "检索对象",
    "Section": "章节",
    "Sector": "产业",
    "Series": "序列",
    "Shape": "形态",
    "Share, national first release (%)": "比重，全国初步核算（%）",
    "Share, national revised (%)": "比重，全国修订后（%）",
    "Shares 2020→2023 (%)": "比重 2020→2023（%）",
    "Source id": "来源编号",
    "Status": "状态",
    "T": "T",
    "Table 1": "表1",
    "Table 2": "表2",
    "Table 2 row": "表2行",
    "Then": "其后",
    "Tier": "层级",
    "Tiers": "层级",
    "To": "至",
    "Total": "合计",
    "Unit": "单位",
    "Units": "单位",
    "Value added (亿元)": "增加值（亿元）",
    "Variant": "设定",
    "Weight": "权重",
    "Weight, pooled": "权重，合并",
    "When": "时间",
    "Year after": "其后年份",
    "year": "年份",
    "where_read": "读取出处",
    "to (below)": "至（下行）",
    "consistent with the paper's own figures": "与论文自身数据一致",
    "differs": "不符",
    "no release found": "未找到发布数据",
    "not collected": "未收集",
    "partly borne out": "部分成立",
    "reproduced from releases": "据发布数据复现",
    "论文 (the paper)": "论文",
    "论文原文 (the paper's words)": "论文原文",
    # publishers, for the source notes
    "Beijing Municipal Bureau of Statistics": "北京市统计局",
    "CPC Central Committee and State Council": "中共中央、国务院",
    "Changsha Municipal Bureau of Statistics": "长沙市统计局",
    "Chengdu Municipal Bureau of Statistics": "成都市统计局",
    "Chengdu Municipal Science and Technology Bureau": "成都市科学技术局",
    "Chongqing Municipal Bureau of Statistics": "重庆市统计局",
    "Chongqing Municipal People's Government": "重庆市人民政府",
    "Chongqing Municipal Science and Technology Bureau": "重庆市科学技术局",
    "Chongqing and Sichuan institutes of science and technology development strategy": (
        "重庆、四川科技发展战略研究院"
    ),
    "Guangzhou Municipal Bureau of Statistics": "广州市统计局",
    "Hangzhou Municipal Bureau of Statistics": "杭州市统计局",
    "Hans Publishers": "汉斯出版社",
    "National Bureau of Statistics": "国家统计局",
    "Shanghai Municipal Bureau of Statistics": "上海市统计局",
    "Shenzhen Municipal Bureau of Statistics": "深圳市统计局",
    "Sichuan Provincial Bureau of Statistics": "四川省统计局",
    "Sichuan Provincial Department of Science and Technology": "四川省科学技术厅",
    "Sichuan and Chongqing statistical societies (四川省统计学会, 重庆市统计学会)": (
        "四川省统计学会、重庆市统计学会"
    ),
    "Sichuan and Chongqing statistics bureaus": "四川省、重庆市统计局",
    "Suzhou Municipal Bureau of Statistics": "苏州市统计局",
    "Tianjin Municipal Bureau of Statistics": "天津市统计局",
    "Wuhan Municipal Bureau of Statistics": "武汉市统计局",
    "General Office of the Chengdu Municipal People's Government": "成都市人民政府办公厅",
    "General Office of the Chongqing Municipal People's Government": "重庆市人民政府办公厅",
    "General Secretary Xi Jinping": "习近平总书记",
}

#: Fields whose values stay as they are in a Chinese chart (an English title beside the Chinese)
KEPT = {"title_en"}

#: A chart's data columns (its CSV's header) in Chinese.
COLUMNS_ZH = {
    "C": "耦合度C",
    "D": "耦合协调度D",
    "T": "综合协调指数T",
    "a": "地区a",
    "b": "地区b",
    "advancement": "产业结构高级化",
    "annual": "年均增长",
    "band": "等级",
    "band_en": "等级（英文）",
    "band_zh": "等级（中文）",
    "base": "基期",
    "base_year": "基期年份",
    "basis": "依据",
    "change": "变化",
    "city": "城市",
    "component": "分量",
    "component_label": "分量名称",
    "dataset": "数据集",
    "date": "日期",
    "gdp": "地区生产总值",
    "gdp_basis": "GDP口径",
    "gdp_per_head": "人均地区生产总值",
    "growth": "增长",
    "krugman": "克鲁格曼指数",
    "label": "标签",
    "lq": "区位熵",
    "measure": "指标",
    "moore": "Moore结构变化值",
    "named_as": "论文称法",
    "named_en": "发布机关（英文）",
    "named_zh": "发布机关",
    "normalisation": "标准化方式",
    "note": "注",
    "order": "顺序",
    "pair": "城市组",
    "period": "时期",
    "points": "百分点",
    "population": "常住人口",
    "region": "地区编号",
    "region_label": "地区",
    "sector": "产业编号",
    "sector_label": "产业",
    "series": "序列",
    "share": "比重",
    "share_of_national_gdp": "占全国比重",
    "similarity": "相似系数",
    "source": "来源编号",
    "sources": "来源编号",
    "stack_order": "堆叠顺序",
    "title_en": "英文标题",
    "title_zh": "标题",
    "issuer_en": "发布机关（英文）",
    "unit": "单位",
    "value": "数值",
    "variant": "设定",
    "weight": "权重",
    "weighting": "赋权方式",
    "when": "时间",
    "year": "年份",
    "year_from": "起始年份",
    "year_label": "年份标签",
    "year_to": "终止年份",
    "yuan": "亿元",
}


def source_zh(note: str) -> str:
    """A source note in Chinese where this module can tell (publishers), else as it is: a note
    names publications, which keep their names."""
    try:
        return zh(note)
    except KeyError:
        return note


def publisher_zh(name: str) -> str:
    """A publisher's name in Chinese, or as ``sources.csv`` gives it when this module has none:
    a name is a record, not a label (a fork's new publisher needs no entry here)."""
    return ZH.get(name, name)


def column_zh(name: str) -> str:
    """A chart's data column named in Chinese; KeyError names a column without one."""
    if name not in COLUMNS_ZH:
        raise KeyError(
            f"no Chinese for the column {name!r}: add it to chengyu.labels.COLUMNS_ZH"
        )
    return COLUMNS_ZH[name]


def both(english: str, chinese: str) -> str:
    """An output's HTML in both editions. The book's page keeps its own edition's
    (``bookbuild/editions.py``); elsewhere (JupyterLab) the Chinese is hidden."""
    return (
        '<!--chengyu-edition:en--><div class="chengyu-edition" lang="en">'
        f"{english}</div><!--/chengyu-edition:en-->"
        '<!--chengyu-edition:zh--><div class="chengyu-edition" lang="zh-CN" hidden>'
        f"{chinese}</div><!--/chengyu-edition:zh-->"
    )


_HEADER = re.compile(r"(<th\b[^>]*>)(.*?)(</th>)", re.S)


def headers_zh(table_html: str) -> str:
    """A table's HTML with the text of its header cells in Chinese."""
    import html

    def one(match: re.Match) -> str:
        text = html.unescape(match[2]).strip()
        return (
            match[1] + html.escape(zh(text), quote=False) + match[3]
            if text
            else match[0]
        )

    return _HEADER.sub(one, table_html)


_LATIN = re.compile(r"[A-Za-z]")
_HAN = r"\u3400-\u9fff"
_YEARS = re.compile(
    r"^(?P<what>.+?),? (?P<years>\d{4}(?:[–→-]\d{4})?)(?P<rest>\s*\(.*\))?$"
)
_ENGLISH_CHINESE = re.compile(rf"^[^{_HAN}]*?[A-Za-z)] (?P<zh>[{_HAN}][^A-Za-z]*)$")
_CHINESE_ENGLISH = re.compile(rf"^(?P<zh>[{_HAN}][^A-Za-z]*?) [A-Za-z][^{_HAN}]*$")
_CHINESE_GLOSSED = re.compile(rf"^(?P<zh>[{_HAN}][^A-Za-z(]*?) \([^{_HAN}]*\)$")
_PAIR = re.compile(r"^(?P<a>[^–]+?)(?P<dash> – |–)(?P<b>[^–]+)$")
_SYMBOL = re.compile(r"^(?P<symbol>[a-z][₀-₉]+) (?P<rest>.+)$")  # "u₁ Chengdu"
_SOURCE = re.compile(r"^(?P<who>[^:;]+): (?P<what>[^;]+)$")  # "Publisher: document"
_LIST = re.compile(r"^(?P<a>[^,]+), (?P<b>[^,]+)$")


@cache
def _regions() -> dict[str, str]:
    from chengyu import data, tables

    regions = data.load("regions")
    names = dict(zip(regions["name_en"], regions["name_zh"], strict=True))
    chinese = tables.short_names(regions, "zh")
    names.update(zip(tables.short_names(regions), chinese, strict=True))
    # a chart's bilingual label, "Chengdu 成都市", "China 中国" (the nation: 全国)
    labels = regions["name_en"] + " " + regions["name_zh"]
    names.update(zip(labels, chinese, strict=True))
    return names


def zh(text: str) -> str:
    """``text``, a chart's or a table's label, in Chinese. KeyError names a label this module
    cannot translate."""
    if not _LATIN.search(text):
        return text
    if text in ZH:
        return ZH[text]
    regions = _regions()
    if text in regions:
        return regions[text]
    if text.startswith("– "):
        return "– " + zh(text[2:])
    match = _YEARS.match(text)
    if match:
        rest = match["rest"] or ""
        return f"{zh(match['what'])}，{match['years']}" + (
            zh(rest.strip()) if rest else ""
        )
    for pattern in (_ENGLISH_CHINESE, _CHINESE_ENGLISH, _CHINESE_GLOSSED):
        match = pattern.match(text)
        if match:
            return match["zh"].strip()
    match = _SYMBOL.match(text)
    if match:
        return f"{match['symbol']} {zh(match['rest'])}"
    match = _SOURCE.match(text)
    if match and match["who"] in ZH:
        return f"{ZH[match['who']]}：{match['what']}"
    match = _PAIR.match(text)
    if match:
        return f"{zh(match['a'])}{match['dash']}{zh(match['b'])}"
    match = _LIST.match(text)
    if match:
        return f"{zh(match['a'])}，{zh(match['b'])}"
    if text.startswith("(") and text.endswith(")"):
        return f"（{zh(text[1:-1])}）"
    raise KeyError(f"no Chinese for the label {text!r}: add it to chengyu.labels.ZH")
