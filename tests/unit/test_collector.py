import gc
import threading

from orchestration.runtime.collector import collector_paused


def test_the_collector_is_off_inside_and_back_on_when_the_last_holder_leaves():
    assert gc.isenabled()
    inside = threading.Event()
    leave = threading.Event()

    def other_model():
        with collector_paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other_model)
    with collector_paused():
        thread.start()
        inside.wait(5)
        with collector_paused():  # re-entrant
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other model still holds it
    leave.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_decorated_function_runs_with_the_collector_off():
    @collector_paused()
    def model():
        return gc.isenabled()

    assert model() is False and gc.isenabled()
