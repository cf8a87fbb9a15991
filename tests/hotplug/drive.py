#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run a QEMU command line and answer the test init's memory requests.

    drive.py LOG QMP_SOCKET DEVICE_ID -- COMMAND...

COMMAND (run-qemu.sh ... -qmp unix:QMP_SOCKET,server=on,wait=off) runs with
its output copied to LOG. When the guest's /init prints
"rmm-model-test-init: mem step K: request +T MiB", the virtio-mem device
DEVICE_ID gets requested-size T MiB over QMP (qom-set). Each QMP action is
noted in LOG as a "drive:" line. Exit status: COMMAND's, or 3 if a QMP
command failed.
"""
import json
import re
import socket
import subprocess
import sys
import time

REQ = re.compile(rb"rmm-model-test-init: mem step (\d+): request \+(\d+) MiB")


class Qmp:
    def __init__(self, path):
        self.sock = None
        for _ in range(100):
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                self.sock = None
                time.sleep(0.1)
        if self.sock is None:
            raise OSError(f"cannot connect to QMP socket {path}")
        self.buf = b""
        self.reply()            # greeting
        self.cmd("qmp_capabilities")

    def reply(self):
        while True:
            while b"\n" not in self.buf:
                data = self.sock.recv(65536)
                if not data:
                    raise OSError("QMP connection closed")
                self.buf += data
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        req = {"execute": name}
        if args:
            req["arguments"] = args
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        msg = self.reply()
        if "error" in msg:
            raise OSError(f"QMP {name}: {msg['error']}")
        return msg.get("return")


def main():
    if len(sys.argv) < 6 or sys.argv[4] != "--":
        sys.exit(__doc__)
    log_path, qmp_path, dev = sys.argv[1:4]
    cmd = sys.argv[5:]
    qmp = None
    bad = False
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        t0 = time.monotonic()
        for line in proc.stdout:
            log.write(line)
            log.flush()
            m = REQ.search(line)
            if not m or bad:
                continue
            size = int(m.group(2)) << 20
            note = f"drive: {time.monotonic() - t0:.3f}s step {m.group(1).decode()}: "
            try:
                if qmp is None:
                    qmp = Qmp(qmp_path)
                qmp.cmd("qom-set", path=f"/machine/peripheral/{dev}",
                        property="requested-size", value=size)
                note += f"qom-set {dev} requested-size {size >> 20} MiB\n"
            except (OSError, ValueError) as err:
                note += f"QMP FAILED: {err}\n"
                bad = True
            log.write(note.encode())
            log.flush()
        rc = proc.wait()
    if rc == 0 and bad:
        rc = 3
    sys.exit(rc)


if __name__ == "__main__":
    main()
