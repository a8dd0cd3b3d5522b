"""Glued values: plain Python numbers for the prose, and never a silent "nan"."""

from __future__ import annotations

import numpy as np
import pytest

from chengyu.glue import bind, plain


def test_numpy_scalars_become_python_numbers():
    # {glue:text} with a format spec fails on np.float64 under numpy 2
    assert type(plain(np.float64(1.5))) is float
    assert type(plain(np.int64(3))) is int
    assert plain("33618") == "33618"


@pytest.mark.parametrize("value", [float("nan"), np.nan, float("inf"), None, [1, 2]])
def test_missing_or_unprintable_values_are_refused(value):
    with pytest.raises(ValueError):
        plain(value)


def test_a_glued_name_is_bound_and_may_be_glued_again():
    namespace = {"first": 2020}
    bind(namespace, "first", 2020)  # the code's own variable, same value
    bind(namespace, "d_first", 0.4)
    bind(namespace, "d_first", 0.5)  # a re-run after an edit
    assert namespace == {"first": 2020, "d_first": 0.5}


def test_glue_refuses_to_replace_a_variable_of_the_notebook():
    with pytest.raises(ValueError, match="already has a variable"):
        bind({"shares": [1, 2]}, "shares", 0.3)
