"""JupyterLab's server, set so that the kernel's messages reach the browser at once.

The kernel's messages travel to the page over a websocket, which jupyter_server
leaves with Nagle's algorithm on. A small message, such as a widget's answer,
then waits for the browser to acknowledge the one before, and Linux delays that
acknowledgement by up to 40 ms: about half of all widget round trips paid it.
``make lab`` and the browser tests start JupyterLab with this connection, which
sends each message as soon as it is written:

    jupyter lab --ServerApp.kernel_websocket_connection_class=gdcore.lab.PromptConnection
"""

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

FLAG = "--ServerApp.kernel_websocket_connection_class=gdcore.lab.PromptConnection"


class PromptConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket, with TCP_NODELAY set on its socket."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()
