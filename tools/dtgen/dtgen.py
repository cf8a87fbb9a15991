#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Add /reserved-memory regions to a QEMU virt DTB.

Takes the DTB that QEMU dumps with '-machine dumpdtb=FILE' and writes a new
DTB with N static ("reg") and M dynamic ("size") regions under
/reserved-memory, deterministic for a given seed. Properties are mixed:
no-map, reusable, alignment and alloc-ranges. Static regions never touch
each other. --malformed adds nodes the kernel has to reject or skip.
--memreserve adds /memreserve/ entries, and --trap-memreserve adds a
dynamic region whose alloc-ranges is exactly one /memreserve/ entry.

Needs dtc. Example:
  qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,dumpdtb=virt.dtb \
      -cpu max -smp 2 -m 2G
  dtgen.py --seed 1 --static 4 --dynamic 4 virt.dtb out.dtb
"""

import argparse
import random
import re
import subprocess
import sys

MiB = 1 << 20


def dtc(args, data):
    return subprocess.run(['dtc', '-q'] + args, input=data, check=True,
                          capture_output=True).stdout


def cells(val, n):
    out = []
    for i in reversed(range(n)):
        out.append('0x%x' % ((val >> (32 * i)) & 0xffffffff))
    return ' '.join(out)


def memory_range(dts):
    m = re.search(r'memory@[0-9a-f]+ \{[^}]*?reg = <([^>]*)>', dts, re.S)
    if not m:
        sys.exit('dtgen: no memory node in the input DT')
    v = [int(x, 16) for x in m.group(1).split()]
    return (v[0] << 32) | v[1], (v[2] << 32) | v[3]


class Gen:
    def __init__(self, seed, ram_base, ram_size):
        self.rnd = random.Random(seed)
        self.ram_base = ram_base
        self.ram_end = ram_base + ram_size
        self.nodes = []
        self.memreserve = []
        # Keep the first 512 MiB (kernel, DTB, initrd) out of static regions,
        # put static regions in the next quarter and leave the top half to
        # the dynamic ones.
        self.static_lo = ram_base + 512 * MiB
        self.static_hi = ram_base + ram_size // 2 + 256 * MiB
        self.dyn_lo = self.static_hi
        self.used = []

    def reg(self, base, size):
        return '<%s %s>' % (cells(base, 2), cells(size, 2))

    def place_static(self, size):
        for _ in range(1000):
            base = self.rnd.randrange(self.static_lo, self.static_hi - size,
                                      2 * MiB)
            # non-adjacent: keep at least 2 MiB between static regions
            if all(base + size + 2 * MiB <= b or b + s + 2 * MiB <= base
                   for b, s in self.used):
                self.used.append((base, size))
                return base
        sys.exit('dtgen: no room for another static region')

    def add(self, name, props):
        self.nodes.append((name, props))

    def static(self, i):
        size = self.rnd.choice([64 * 1024, 1 * MiB, 2 * MiB, 4 * MiB])
        base = self.place_static(size)
        props = ['reg = %s;' % self.reg(base, size)]
        if self.rnd.random() < 0.5:
            props.append('no-map;')
        elif self.rnd.random() < 0.3:
            props.append('reusable;')
        self.add('static%d@%x' % (i, base), props)

    def dynamic(self, i):
        size = self.rnd.choice([64 * 1024, 256 * 1024, 1 * MiB, 2 * MiB])
        props = ['size = <%s>;' % cells(size, 2)]
        align = self.rnd.choice([0, 0x1000, 0x10000, 2 * MiB])
        if align:
            props.append('alignment = <%s>;' % cells(align, 2))
        if self.rnd.random() < 0.5:
            lo = self.rnd.randrange(self.dyn_lo, self.ram_end - 64 * MiB,
                                    16 * MiB)
            rng = self.reg(lo, 32 * MiB)
            if self.rnd.random() < 0.5:
                # a first range outside RAM, so the second one is used
                rng = rng.replace('<', '<%s %s ' % (cells(0x10000000, 2),
                                                    cells(16 * MiB, 2)))
            props.append('alloc-ranges = %s;' % rng)
        r = self.rnd.random()
        if r < 0.3:
            props.append('no-map;')
        elif r < 0.5:
            props.append('reusable;')
        self.add('dynamic%d' % i, props)

    def malformed(self):
        self.add('bad-size', ['size = <0x1000>;'])          # 1 cell, needs 2
        self.add('bad-align', ['size = <0x0 0x1000>;',
                               'alignment = <0x1000>;'])
        self.add('zero-reg@0', ['reg = <0x0 0x0 0x0 0x0>;'])
        self.add('neither', ['no-map;'])
        self.add('disabled', ['size = <0x0 0x1000>;', 'status = "disabled";'])
        self.add('no-ram', ['size = <0x0 0x1000>;', 'alloc-ranges = %s;' %
                            self.reg(0x10000000, 16 * MiB)])

    def add_memreserve(self, n):
        for _ in range(n):
            self.memreserve.append((self.place_static(1 * MiB), 1 * MiB))

    def trap_memreserve(self):
        base, size = self.memreserve[0]
        self.add('trap', ['size = <%s>;' % cells(size, 2),
                          'alloc-ranges = %s;' % self.reg(base, size)])

    def render(self):
        out = ['\treserved-memory {', '\t\t#address-cells = <0x2>;',
               '\t\t#size-cells = <0x2>;', '\t\tranges;', '']
        for name, props in self.nodes:
            out.append('\t\t%s {' % name)
            out += ['\t\t\t' + p for p in props]
            out += ['\t\t};', '']
        out.append('\t};')
        return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--static', type=int, default=4)
    ap.add_argument('--dynamic', type=int, default=4)
    ap.add_argument('--malformed', action='store_true')
    ap.add_argument('--memreserve', type=int, default=0)
    ap.add_argument('--trap-memreserve', action='store_true')
    ap.add_argument('--extra', action='append', default=[],
                    help='raw node text added to /reserved-memory')
    ap.add_argument('--dts', action='store_true', help='write DTS, not DTB')
    ap.add_argument('input')
    ap.add_argument('output')
    a = ap.parse_args()

    dts = dtc(['-I', 'dtb', '-O', 'dts'], open(a.input, 'rb').read()).decode()
    if 'reserved-memory' in dts:
        sys.exit('dtgen: the input already has /reserved-memory')
    g = Gen(a.seed, *memory_range(dts))
    g.add_memreserve(a.memreserve)
    for i in range(a.static):
        g.static(i)
    for i in range(a.dynamic):
        g.dynamic(i)
    if a.malformed:
        g.malformed()
    if a.trap_memreserve:
        if not g.memreserve:
            sys.exit('dtgen: --trap-memreserve needs --memreserve')
        g.trap_memreserve()
    text = g.render()
    for extra in a.extra:
        text = text[:-len('\t};\n')] + '\t\t' + extra + '\n\t};\n'

    # insert the node at the end of the root node
    idx = dts.rindex('};')
    dts = dts[:idx] + text + dts[idx:]
    rsv = ''.join('/memreserve/ 0x%x 0x%x;\n' % r for r in g.memreserve)
    dts = dts.replace('/dts-v1/;\n', '/dts-v1/;\n' + rsv, 1)

    if a.dts:
        open(a.output, 'w').write(dts)
    else:
        open(a.output, 'wb').write(dtc(['-I', 'dts', '-O', 'dtb'],
                                       dts.encode()))


if __name__ == '__main__':
    main()
