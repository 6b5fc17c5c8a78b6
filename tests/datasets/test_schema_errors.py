"""A schema failure is one line at the file and line of the row (issue 19), not pandera's table."""

import pandas as pd
import pytest

from qnlib.datasets import get
from qnlib.datasets.base import validate
from qnlib.errors import ValidationError


def test_a_duplicated_row_names_both_lines(data):
    communes = data["ntm_communes"]
    row = communes[communes["commune"] == "Tiền An"]  # Phụ biểu 01, line 283
    twice = pd.concat([communes, row.assign(line=row["line"] + 40)], ignore_index=True)
    with pytest.raises(ValidationError) as caught:
        validate(twice, get("ntm_communes").schema, "ntm_communes")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        "data/raw/2022-10-06_ubnd_qd2877_de-an-ntm-2025.txt, line 283: dataset 'ntm_communes'"
    )
    assert "the same row again at line 323" in message


def test_a_value_of_the_wrong_kind_names_its_row(data):
    loans = data["loans"].copy()
    loans.loc[3, "households"] = -5
    with pytest.raises(ValidationError) as caught:
        validate(loans, get("loans").schema, "loans")
    message = str(caught.value)
    line = int(data["loans"].loc[3, "line"])
    assert message.startswith(
        f"data/raw/2022-08_bcsd-ubnd_bao-cao-nq06_phu-luc.txt, line {line}: dataset 'loans'"
    )
    assert "households" in message and "-5" in message and "\n" not in message


def test_a_table_figure_not_found_names_its_row(corpus):
    """CTr 35's target tables are read as phrases joined by " | ": a slip in a cell names the file and
    the line where the row starts (line 326: "Tỷ lệ nghèo duy trì mức giảm trung bình |")."""
    from qnlib.datasets import REGISTRY, Tables
    from qnlib.errors import QnlibError
    from qnlib.sources import Corpus, Document

    document = corpus["ctr35_2021"]
    lines = list(document.lines)
    assert lines[328 - 1] == "0,8/năm |"
    lines[328 - 1] = "0;8/năm |"
    edited = Corpus({**{k: corpus[k] for k in corpus}, "ctr35_2021": Document(document.source, "\n".join(lines), document.path)},
                    corpus.reported)  # fmt: skip
    with pytest.raises(QnlibError) as caught:
        REGISTRY["targets"].build(Tables(edited))
    message = str(caught.value)
    assert "data/raw/2021-02-08_ubnd_ctr35_chuong-trinh-hanh-dong-2021-2025.txt" in message
    assert message.endswith("; its row starts at line 326 ('Tỷ lệ nghèo duy trì mức giảm trung bình')")
