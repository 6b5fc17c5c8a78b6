"""Closed lists of words the datasets, parameters and charts share, in a module light enough
for a notebook kernel to import without the parsers and their schemas."""

LEVELS = ("ntm", "advanced", "model")  # nông thôn mới, nâng cao, kiểu mẫu
PLAN_LEVELS = ("advanced", "model")  # the levels Phụ biểu 02 plans per commune (all had NTM by 2021)
LANGS = ("vi", "en")
TITLE_MODES = ("finding", "label")  # what a figure's title says: the finding, or what is measured
LOAN_METRICS = ("planned_mvnd", "households", "lent_mvnd", "disbursed_mvnd", "avg_loan_mvnd")
UNITS = ("2024", "2025")  # communes as the documents name them, or grouped by the units since 1 July 2025
# When a task falls due, against a date (the report's, or the notebook's as_of): by then, later, at the
# programme's end, open-ended ("Từ năm 2021"), or no deadline stated.
TIMINGS = ("due", "later", "to_end", "open", "none")
# The scorecard's topics (a target's topic in `targets`), "all" for every one.
TOPICS = ("all", "income", "poverty", "ntm", "economy", "society", "environment")


def level_indicator(level: str) -> str:
    """The indicator counting communes at ``level``: ntm -> ntm_communes, advanced -> ntm_advanced_communes."""
    return "ntm_communes" if level == "ntm" else f"ntm_{level}_communes"
