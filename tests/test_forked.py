"""Per-page work on forked workers: the same results, in order, as one process; a worker's
failure is raised here; the work is shared out, not left to one process."""

from __future__ import annotations

import os
import select
from collections.abc import Callable
from typing import Any

import pytest

from psoasguide import forked

pytestmark = pytest.mark.usefixtures("forking")


def _square(index: int) -> tuple[int, int]:
    return index, index * index


def _together(step: Callable[[int], Any]) -> Callable[[int], Any]:
    """`step`, except that on its first page each process (this one, the worker) waits, up to
    10 s, for the other to start on one: both then take part, however fast the steps are."""
    assert forked.forkable(2)
    here, there = os.pipe(), os.pipe()  # this process tells the worker; the worker tells it
    me = os.getpid()
    met: list[bool] = []

    def first(index: int) -> Any:
        if not met:
            mine, theirs = (here, there) if os.getpid() == me else (there, here)
            os.write(mine[1], b"!")
            met.append(bool(select.select([theirs[0]], [], [], 10)[0]))
        return step(index)

    return first


@pytest.mark.parametrize(("count", "jobs", "rounds"), [(200, 2, 1), (500, 3, 4), (70, 2, 2)])
def test_results_come_back_in_order_as_one_process_makes_them(count: int, jobs: int,
                                                              rounds: int) -> None:
    done: list[int] = []
    got = list(forked.map_pages(_square, count, jobs, rounds=rounds, done=done.append))
    assert got == [_square(i) for i in range(count)]
    assert sum(done) == count


def test_the_pages_are_shared_between_the_processes() -> None:
    """Every process takes spans until none is left: the worker from the front, this process
    from the back (each touches the memory of its own end)."""
    me = os.getpid()
    where = list(forked.map_pages(_together(lambda _index: os.getpid()), 400, 2))
    worker = where[0]
    assert worker != me and where[-1] == me
    assert where == [worker] * where.index(me) + [me] * (len(where) - where.index(me))


def test_what_a_worker_sends_is_what_comes_back_from_it() -> None:
    """`send` shrinks a worker's results (the caller makes them whole again); this process's
    own results are not sent, so they stay as they are."""
    me = os.getpid()
    got = list(forked.map_pages(_together(lambda index: (os.getpid(), index)), 300, 2,
                                send=lambda result: ("sent", result[1])))
    assert [index for _, index in got] == list(range(300))
    assert {who for who, _ in got} == {me, "sent"}


def _children() -> set[int]:
    """This process's child processes (zombies too)."""
    me = os.getpid()
    return {int(pid) for task in os.listdir(f"/proc/{me}/task")
            for pid in open(f"/proc/{me}/task/{task}/children").read().split()}


def _fails(index: int) -> int:
    raise ValueError(f"page {index} is bad")


def test_a_workers_exception_is_raised_here_and_no_worker_is_left() -> None:
    me, before = os.getpid(), _children()
    with pytest.raises(ValueError, match=r"page \d+ is bad"):
        list(forked.map_pages(_together(
            lambda index: index if os.getpid() == me else _fails(index)), 300, 2))
    assert _children() <= before  # every worker was reaped


def test_a_worker_that_dies_is_an_error_not_missing_pages() -> None:
    me, before = os.getpid(), _children()
    with pytest.raises(RuntimeError, match="ended before sending all its pages"):
        list(forked.map_pages(_together(
            lambda index: index if os.getpid() == me else os._exit(3)), 300, 2))
    assert _children() <= before


def test_few_pages_or_one_job_stay_in_this_process() -> None:
    me = os.getpid()
    assert set(forked.map_pages(lambda _index: os.getpid(), forked.MIN_PAGES - 1, 2)) == {me}
    assert set(forked.map_pages(lambda _index: os.getpid(), 500, 1)) == {me}
