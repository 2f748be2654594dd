#!/usr/bin/env python3
"""Summarises a dotnet-trace speedscope profile: time per leaf frame (self) and per frame (total),
across threads, leaving out threads' idle waits. Usage: speedscope-summary.py FILE [TOP] [FILTER]"""
import json, sys, collections

IDLE = ("WaitForSocketEvents", "LowLevelLifoSemaphore", "WaitHandle.Wait", "Thread.Sleep", "Monitor.Wait",
        "WaitOneNative", "WaitMultiple", "SleepEx", "ThreadNative::", "PortableThreadPool+GateThread",
        "ManualResetEventSlim.Wait", "SemaphoreSlim.Wait", "Interop+Sys.Read(", "Console", "WaitSubsystem", "SocketAsyncEngine.EventLoop", "Thread.StartCore", "EventPipe")

def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    needle = sys.argv[3] if len(sys.argv) > 3 else None
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    self_time = collections.Counter()
    total_time = collections.Counter()
    busy = 0.0
    for profile in data["profiles"]:
        stack, opened = [], []
        last = None
        for event in profile.get("events", []):
            at = event["at"]
            if stack and last is not None:
                span = at - last
                names = [frames[i] for i in stack]
                if not any(marker in n for n in names for marker in IDLE) and (needle is None or any(needle in n for n in names)):
                    busy += span
                    leaf = [n for n in names if n not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
                    kind = "native" if names[-1] == "UNMANAGED_CODE_TIME" else "managed"
                    self_time[f"[{kind}] {leaf[-1] if leaf else '?'}"] += span
                    for n in set(names):
                        total_time[n] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                stack.pop()
    print(f"busy (not idle) thread time: {busy/1000:.2f} s")
    print("--- self")
    for name, t in self_time.most_common(top):
        print(f"{t/1000:8.3f} s  {name[:150]}")
    print("--- total")
    for name, t in total_time.most_common(top):
        print(f"{t/1000:8.3f} s  {name[:150]}")

main()
