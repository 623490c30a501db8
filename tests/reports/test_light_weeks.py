"""The portfolio's lights week by week in the weekly report: counted by the one rule the
one-pager's strip uses, from a history built with the CLI, and drawn with a legend and units."""

from __future__ import annotations

import json


def _weeks(run) -> dict[str, dict[str, int]]:
    status, out, err = run("export", "weekly", "--format", "json")
    assert status == 0, err
    return {
        w["week"]: {k: v for k, v in w.items() if k != "week"}
        for w in json.loads(out)["light_weeks"]
    }


def test_the_counts_follow_the_status_history_week_by_week(run):
    before = _weeks(run)
    assert list(before) == [f"2026-W{n}" for n in range(37, 49)]
    _, out, _ = run("projects", "--format", "json")
    total = len(json.loads(out))
    assert all(sum(w.values()) == total for w in before.values())
    # YH-SPORTS reported red in W41 (a Monday) and amber again in W46 (a Tuesday).
    assert (
        run("status", "set", "YH-SPORTS", "--light", "red", "--note", "停工", today="2026-10-05")[0]
        == 0
    )
    assert (
        run("status", "set", "YH-SPORTS", "--light", "amber", "--note", "复工", today="2026-11-10")[
            0
        ]
        == 0
    )
    after = _weeks(run)
    for week, counts in after.items():
        assert sum(counts.values()) == total
        n = int(week[-2:])
        if 41 <= n <= 45:
            assert counts["red"] == before[week]["red"] + 1, week
        else:
            assert counts["red"] == before[week]["red"], week
    # The one-pager's strip reads the same rule: red from W41 to W45, amber from W46.
    _, page, _ = run("export", "project", "YH-SPORTS", "--format", "md")
    assert "W41 red · W42 red · W43 red · W44 red · W45 red · W46 amber" in page


def test_the_chart_has_its_legend_units_and_a_table_in_markdown(run, tmp_path):
    target = tmp_path / "weekly.html"
    assert run("export", "weekly", "--format", "html", "-o", str(target), lang="zh")[0] == 0
    html = target.read_text(encoding="utf-8")
    chart = html[html.index('class="light-weeks chart"') :]
    chart = chart[: chart.index("</svg>")]
    for words in ("红灯", "黄灯", "绿灯", "未亮灯", "项目数", "周次（至 2026-W48）"):
        assert words in chart, words
    # Headline first: the chart sits in the week at a glance, before the projects.
    assert html.index("近12周每周末登记的亮灯（状态更新、人工亮灯）") < html.index("项目情况")
    assert chart.count("<title>2026-W") >= 12
    _, md, _ = run("export", "weekly")
    caption = (
        "Lights as recorded (status updates, overrides) at the end of each of the last 12 weeks"
    )
    assert f"**{caption}**" in md
    assert "| week | red | amber | green | no light |" in md
    assert "| 2026-W48 |" in md
