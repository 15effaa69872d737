"""The conformance world for the Python emitters: the planned calls, the calls themselves against an
OpenAI-compatible endpoint (streamed and not), and the ready / run / done conversation with the test.

The test starts an emitter with the world as JSON in argv, waits for "ready", sends "run" on stdin when
Prometheus is watching, and reads "done <JSON>": what every call did, measured by the caller.
"""

import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

CONCURRENCY = 4


class LLMError(Exception):
    """A failed call; the subclasses are named as the OpenAI Python SDK names its errors."""

    def __init__(self, status):
        super().__init__(f"HTTP {status}")
        self.status = status


class RateLimitError(LLMError):
    pass


class InternalServerError(LLMError):
    pass


def error_for(status):
    return RateLimitError(status) if status == 429 else InternalServerError(status)


def load_world():
    return json.loads(sys.argv[1])


def profile_of(world, model):
    return next(m for m in world["models"] if m["model"] == model)


def chat(base_url, call, on_first_token=None, on_token=None):
    """One chat completion. Returns (prompt_tokens, completion_tokens); raises an LLMError on failure."""
    body = {"model": call["model"], "messages": [{"role": "user", "content": call["question"]}]}
    if call.get("failWith"):
        body["user"] = f"fail:{call['failWith']}"
    if call["stream"]:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    request = urllib.request.Request(f"{base_url}/chat/completions", data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    try:
        response = urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        raise error_for(error.code) from None
    with response:
        if not call["stream"]:
            usage = json.loads(response.read())["usage"]
            return usage["prompt_tokens"], usage["completion_tokens"]
        usage = None
        first = True
        for raw in response:
            line = raw.decode().strip()
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            chunk = json.loads(line[len("data: "):])
            usage = chunk.get("usage") or usage
            content = chunk["choices"][0]["delta"].get("content") if chunk.get("choices") else None
            if content:
                if first and on_first_token:
                    on_first_token()
                first = False
                if on_token:
                    on_token(content)
        return usage["prompt_tokens"], usage["completion_tokens"]


def serve_conversation(run_call, calls):
    """Says ready, then on "run" makes every call (four at a time) with run_call and prints what they did."""
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            continue
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            outcomes = list(pool.map(timed(run_call), calls))
        print("done " + json.dumps(outcomes), flush=True)


def timed(run_call):
    def run(call):
        started = time.monotonic()
        outcome = {"index": call["index"], "model": call["model"], "stream": call["stream"], "agent": call["agent"]}
        try:
            prompt, completion = run_call(call)
            outcome.update(ok=True, promptTokens=prompt, completionTokens=completion)
        except LLMError as error:
            outcome.update(ok=False, status=error.status, promptTokens=0, completionTokens=0)
        outcome["seconds"] = time.monotonic() - started
        return outcome

    return run
