"""The OpenAI-compatible HTTP surface the replayed servers (vLLM, LiteLLM) answer with: POST
/v1/chat/completions, streamed as server-sent events or not, and GET /metrics from prometheus_client."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest


class Completion:
    """What a handler produced for one request: an error status, or the tokens to stream and the usage."""

    def __init__(self, status=200, model="", tokens=(), usage=None, error_type=""):
        self.status = status
        self.model = model
        self.tokens = tokens
        self.usage = usage or {}
        self.error_type = error_type


def chunk(model, delta, finish=None, usage=None):
    body = {"id": "chatcmpl-replay", "object": "chat.completion.chunk", "created": int(time.time()), "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if usage:
        body["usage"] = usage
    return f"data: {json.dumps(body)}\n\n".encode()


def make_handler(handle):
    """handle(request JSON, headers, stream_writer) -> Completion; for a streamed request it writes the tokens
    itself through stream_writer(token) as they come, after the headers have gone out."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            if self.path != "/metrics":
                self.send_error(404)
                return
            body = generate_latest()
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPE_LATEST)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            if not self.path.endswith("/chat/completions"):
                self.send_error(404)
                return
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stream = bool(request.get("stream"))
            started = []

            def write_token(model, token, first):
                if not started:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    started.append(True)
                self.wfile.write(chunk(model, {"role": "assistant", "content": token} if first else {"content": token}))
                self.wfile.flush()

            completion = handle(request, self.headers, write_token if stream else None)
            if completion.status != 200:
                body = json.dumps({"error": {"message": completion.error_type, "type": completion.error_type}}).encode()
                self.send_response(completion.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if stream:
                include_usage = (request.get("stream_options") or {}).get("include_usage")
                self.wfile.write(chunk(completion.model, {}, "stop", completion.usage if include_usage else None))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True
                return
            body = json.dumps(
                {
                    "id": "chatcmpl-replay",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": completion.model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(completion.tokens).strip()}, "finish_reason": "stop"}],
                    "usage": completion.usage,
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def serve(port, handle):
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(handle))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()
