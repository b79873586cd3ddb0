"""The JupyterLab server's kernel connection that `make lab` and the browser tests use."""

import re
from pathlib import Path
from types import SimpleNamespace

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets.utils.importstring import import_item

from gdcore import lab

ROOT = Path(__file__).resolve().parents[1]


def test_the_connection_turns_nagle_off_before_it_connects(monkeypatch):
    said = []
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: said.append("up"))
    connection = lab.PromptConnection.__new__(lab.PromptConnection)
    handler = SimpleNamespace(set_nodelay=lambda on: said.append(("nodelay", on)))
    connection._trait_values["websocket_handler"] = handler  # a stand-in for the websocket
    connection.connect()
    assert said == [("nodelay", True), "up"]


def test_it_is_the_servers_own_connection_but_for_that():
    # jupyter_server's default, unless a gateway serves the kernels.
    assert lab.PromptConnection.__bases__ == (ZMQChannelsWebsocketConnection,)
    own = [name for name, v in vars(lab.PromptConnection).items() if callable(v)]
    assert own == ["connect"]


def test_make_lab_and_the_browser_tests_start_the_server_with_it():
    name = lab.FLAG.split("=", 1)[1]
    assert import_item(name) is lab.PromptConnection
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(rf"LAB_FLAGS \+= {re.escape(lab.FLAG)}", makefile)
    assert "lab_flag.FLAG" in (ROOT / "tests" / "browser" / "jupyter_harness.py").read_text()
