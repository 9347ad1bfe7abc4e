"""The notebook runner merges split stream outputs, so re-running a notebook gives no diff."""

from __future__ import annotations

from dlcourse.course.runner import coalesce_streams


def _stream(name, *lines):
    return {"output_type": "stream", "name": name, "text": list(lines)}


def test_consecutive_streams_of_one_name_are_merged():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "text"},
            {
                "cell_type": "code",
                "outputs": [
                    _stream("stdout", "a\n", "b"),
                    _stream("stdout", "\n"),
                    _stream("stderr", "warning\n"),
                    _stream("stdout", "c\n"),
                    {"output_type": "execute_result", "data": {"text/plain": "True"}},
                ],
            },
        ]
    }
    outputs = coalesce_streams(nb)["cells"][1]["outputs"]
    assert outputs[0] == _stream("stdout", "a\n", "b\n")
    assert outputs[1] == _stream("stderr", "warning\n")  # a different stream is not merged
    assert outputs[2] == _stream("stdout", "c\n")  # nor across it
    assert outputs[3]["output_type"] == "execute_result"
    assert nb["cells"][0] == {"cell_type": "markdown", "source": "text"}
