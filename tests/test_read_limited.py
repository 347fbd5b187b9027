"""Reading with a bound: a device, a pipe or a huge file costs at most the limit."""

from __future__ import annotations

import os
import threading

import pytest

from autograd_scalar.files import ReadLimitError, read_limited


def test_a_file_within_the_limit_is_read_whole(tmp_path):
    (tmp_path / "f").write_bytes(b"x" * 100)
    assert read_limited(tmp_path / "f", 100) == b"x" * 100


def test_a_larger_file_is_refused_and_named(tmp_path):
    (tmp_path / "f").write_bytes(b"x" * 101)
    with pytest.raises(ReadLimitError, match=r"f holds more than 100 bytes"):
        read_limited(tmp_path / "f", 100)


def test_an_endless_device_costs_only_the_limit():
    with pytest.raises(ReadLimitError, match="/dev/zero holds more than 1,000 bytes"):
        read_limited("/dev/zero", 1000)


def test_a_device_is_refused_before_reading_where_a_regular_file_is_needed():
    with pytest.raises(ReadLimitError, match="not a regular file .a character device."):
        read_limited("/dev/zero", 10**12, regular_only=True)


def test_a_fifo_with_no_writer_is_refused_at_once_where_a_regular_file_is_needed(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ReadLimitError, match="not a regular file .a pipe."):
        read_limited(fifo, 100, regular_only=True)


def test_a_pipe_is_read_up_to_the_limit(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as out:
            for _ in range(10):
                out.write(b"y" * 1000)

    writer = threading.Thread(target=write)
    writer.start()
    assert read_limited(fifo, 10_000) == b"y" * 10_000
    writer.join()


def test_a_folder_is_named_as_one(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder"):
        read_limited(tmp_path, 100)
