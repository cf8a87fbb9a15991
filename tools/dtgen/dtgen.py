#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Add /reserved-memory regions to a QEMU virt DTB.

Takes the DTB that QEMU dumps with '-machine dumpdtb=FILE' and writes a new
DTB with N static ("reg") and M dynamic ("size") regions under
/reserved-memory, deterministic for a given seed. Properties are mixed:
no-map, reusable, alignment and alloc-ranges. Static regions never touch
each other (there is always a gap, so memblock cannot merge them). Sizes
shrink with the counts so that 4000 + 4000 or 8000 regions fit in 2 GiB.

--malformed adds a fixed set of nodes the kernel has to reject or skip.
--fuzz K adds K defective nodes of randomly chosen kinds (see KINDS) and
--sidecar FILE lists them, one "NAME KIND" line each (NAME as the kernel
prints it, with its unit address). --memreserve adds /memreserve/ entries,
and --trap-memreserve adds a dynamic region whose alloc-ranges is exactly
one /memreserve/ entry. --nomap-share F makes a static region no-map with
probability F (default 0.5). --carveout top|bottom adds, after every other
region (late in the tree), a static no-map carve-out of 4 MiB at the top of
RAM or just above the first 512 MiB; memblock must not have put anything
there by the time it is reached.

--random (with --seed S) makes the whole DT from S alone (see Random):
static and dynamic regions, no-map and reusable ones, alloc-ranges,
alignment, shared-dma-pool regions, late carve-outs at the top and bottom
of RAM, /memreserve/ entries and deliberate collisions; the profile and the
counts come from the seed too, so S reproduces the DT. --nomap-cap C keeps
the no-map regions of the DT at C at most (default NOMAP_CAP). It prints
"dtgen: random seed S profile P ..." on stderr. tests/rmem/oracle.py says
what the kernel must do with every node, from the DT alone.

Needs dtc. Example:
  qemu-system-aarch64 -M virt,gic-version=3,virtualization=on,dumpdtb=virt.dtb \
      -cpu max -smp 2 -m 2G
  dtgen.py --seed 1 --static 4 --dynamic 4 virt.dtb out.dtb
  dtgen.py --seed 7 --static 6 --dynamic 6 --fuzz 5 --sidecar f.txt virt.dtb f.dtb
  dtgen.py --random --seed 1234 virt.dtb r.dtb
"""

import argparse
import random
import re
import subprocess
import sys

KiB = 1 << 10
MiB = 1 << 20
GiB = 1 << 30
PAGE = 4 * KiB

# Defect kinds of --fuzz. One DT-wide kind, root-cells, is drawn separately
# (--root-defect): it makes /reserved-memory itself unusable.
KINDS = {
    'reg-len': 'reg is 3 cells, not a multiple of #address-cells + #size-cells',
    'reg-partial': 'reg is 6 cells: one entry and a half',
    'zero-reg': 'reg with a zero size',
    'zero-size': 'size = <0 0>',
    'size-cells': 'size is 1 cell, #size-cells is 2',
    'align-cells': 'alignment is 1 cell, #address-cells is 2',
    'align-npot': 'alignment is not a power of two',
    'no-ram': 'alloc-ranges only outside RAM',
    'no-space': 'size larger than all of RAM',
    'ranges-len': 'alloc-ranges is 3 cells',
    'no-props': 'neither reg nor size',
    'overlap-nomap': 'no-map static region over a reserved static region',
    'overlap': 'static region overlapping another static region',
    'disabled': 'status = "disabled" (must be ignored, not reported)',
}


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
    def __init__(self, seed, ram_base, ram_size, nomap_share=0.5):
        self.rnd = random.Random(seed)
        self.nomap_share = nomap_share
        self.ram_base = ram_base
        self.ram_end = ram_base + ram_size
        self.nodes = []
        self.memreserve = []
        self.bad = []		# (name, kind)
        # Keep the first 512 MiB (kernel, DTB, initrd) out of static regions,
        # put static regions in the next quarter and leave the top half to
        # the dynamic ones.
        self.static_lo = ram_base + 512 * MiB
        self.static_hi = ram_base + ram_size // 2 + 256 * MiB
        self.dyn_lo = self.static_hi
        self.slots = []
        self.slot_size = 0
        self.statics = []	# (name, base, size, nomap)
        self.big_align = 0

    def reg(self, base, size):
        return '<%s %s>' % (cells(base, 2), cells(size, 2))

    def plan_static(self, n):
        """Cut the static window into slots and pick n of them at random.
        A region stays inside its slot with at least a page free on both
        sides, so no two regions touch."""
        window = self.static_hi - self.static_lo
        nslots = max(n, window // (8 * MiB))
        self.slot_size = (window // max(nslots, 1)) // PAGE * PAGE
        if n and self.slot_size < 4 * PAGE:
            sys.exit('dtgen: %d static regions do not fit' % n)
        self.slots = sorted(self.rnd.sample(range(nslots), n))

    def take_slot(self, size_choices):
        if not self.slots:
            sys.exit('dtgen: no room for another static region')
        slot = self.slots.pop(self.rnd.randrange(len(self.slots)))
        fit = [s for s in size_choices if s <= self.slot_size - 2 * PAGE]
        size = self.rnd.choice(fit or [PAGE])
        lo = self.static_lo + slot * self.slot_size + PAGE
        room = (self.slot_size - 2 * PAGE - size) // PAGE
        return lo + self.rnd.randint(0, room) * PAGE, size

    def add(self, name, props):
        self.nodes.append((name, props))

    def static(self, i):
        base, size = self.take_slot([64 * KiB, 1 * MiB, 2 * MiB, 4 * MiB,
                                     4 * KiB, 16 * KiB])
        props = ['reg = %s;' % self.reg(base, size)]
        nomap = self.rnd.random() < self.nomap_share
        if nomap:
            props.append('no-map;')
        elif self.rnd.random() < 0.3:
            props.append('reusable;')
        name = 'static%d@%x' % (i, base)
        self.statics.append((name, base, size, nomap))
        self.add(name, props)

    def dynamic_size(self, m):
        # 256 MiB for all of them together at most
        budget = 256 * MiB // max(m, 1)
        fit = [s for s in (4 * KiB, 64 * KiB, 256 * KiB, 1 * MiB, 2 * MiB)
               if s <= budget]
        return self.rnd.choice(fit or [4 * KiB])

    def dynamic(self, i, m):
        size = self.dynamic_size(m)
        props = ['size = <%s>;' % cells(size, 2)]
        aligns = [0, 0x1000, 0x10000]
        # 2 MiB alignment wastes up to 2 MiB each: a few only
        if self.big_align < 32:
            aligns.append(2 * MiB)
        align = self.rnd.choice(aligns)
        if align == 2 * MiB:
            self.big_align += 1
        if align:
            props.append('alignment = <%s>;' % cells(align, 2))
        if self.rnd.random() < 0.5:
            # windows in the lower half of the dynamic area: the regions
            # without alloc-ranges fill RAM from the top down
            half = self.dyn_lo + (self.ram_end - self.dyn_lo) // 2
            lo = self.rnd.randrange(self.dyn_lo, half - 32 * MiB, 16 * MiB)
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

    def carveout(self, where):
        """A static no-map carve-out of 4 MiB at the top of RAM or at the
        bottom of the static window, outside every slot of plan_static()."""
        size = 4 * MiB
        if where == 'top':
            base = self.ram_end - size
        else:
            base = self.static_lo - size - PAGE
        name = 'carveout-%s@%x' % (where, base)
        self.add(name, ['reg = %s;' % self.reg(base, size), 'no-map;'])

    def malformed(self):
        self.add('bad-size', ['size = <0x1000>;'])          # 1 cell, needs 2
        self.add('bad-align', ['size = <0x0 0x1000>;',
                               'alignment = <0x1000>;'])
        self.add('zero-reg@0', ['reg = <0x0 0x0 0x0 0x0>;'])
        self.add('neither', ['no-map;'])
        self.add('disabled', ['size = <0x0 0x1000>;', 'status = "disabled";'])
        self.add('no-ram', ['size = <0x0 0x1000>;', 'alloc-ranges = %s;' %
                            self.reg(0x10000000, 16 * MiB)])
        for name, kind in (('bad-size', 'size-cells'),
                           ('bad-align', 'align-cells'),
                           ('zero-reg@0', 'zero-reg'),
                           ('neither', 'no-props'),
                           ('disabled', 'disabled'),
                           ('no-ram', 'no-ram')):
            self.bad.append((name, kind))

    def fuzz_node(self, i, kind):
        """One defective node of @kind; returns False if it cannot be made
        in this DT (an overlap needs a suitable static region)."""
        sz = '<%s>' % cells(64 * KiB, 2)
        name = 'bad%02d-%s' % (i, kind)
        if kind in ('reg-len', 'reg-partial', 'zero-reg', 'overlap-nomap',
                    'overlap'):
            if kind.startswith('overlap'):
                want_nomap = False if kind == 'overlap-nomap' else None
                cand = [s for s in self.statics
                        if want_nomap is None or s[3] == want_nomap]
                if not cand:
                    return False
                # each static region is the target of one overlap at most,
                # so that a bad node overlaps one good region only
                hit = self.rnd.choice(cand)
                self.statics.remove(hit)
                _, b, s, _ = hit
                base = b + (s // 2 // PAGE) * PAGE
                size = max(s // 2, PAGE) + PAGE
            else:
                base, size = self.take_slot([4 * KiB, 64 * KiB])
            name += '@%x' % base
            full = '%s %s' % (cells(base, 2), cells(size, 2))
            if kind == 'reg-len':
                props = ['reg = <%s>;' % ' '.join(full.split()[:3])]
            elif kind == 'reg-partial':
                props = ['reg = <%s %s>;' % (full, cells(base, 2))]
            elif kind == 'zero-reg':
                props = ['reg = <%s 0x0 0x0>;' % cells(base, 2)]
            elif kind == 'overlap-nomap':
                props = ['reg = <%s>;' % full, 'no-map;']
            else:
                props = ['reg = <%s>;' % full]
        elif kind == 'zero-size':
            props = ['size = <0x0 0x0>;']
        elif kind == 'size-cells':
            props = ['size = <0x10000>;']
        elif kind == 'align-cells':
            props = ['size = %s;' % sz, 'alignment = <0x10000>;']
        elif kind == 'align-npot':
            props = ['size = %s;' % sz, 'alignment = <0x0 0x3000>;']
        elif kind == 'no-ram':
            props = ['size = %s;' % sz, 'alloc-ranges = %s;' %
                     self.reg(0x10000000, 16 * MiB)]
        elif kind == 'no-space':
            props = ['size = <%s>;' % cells(self.ram_end - self.ram_base
                                            + GiB, 2)]
        elif kind == 'ranges-len':
            props = ['size = %s;' % sz, 'alloc-ranges = <%s>;' %
                     ' '.join(self.reg(self.dyn_lo, 32 * MiB)[1:-1]
                              .split()[:3])]
        elif kind == 'no-props':
            props = ['no-map;']
        elif kind == 'disabled':
            props = ['size = %s;' % sz, 'status = "disabled";']
        else:
            sys.exit('dtgen: unknown defect kind %s' % kind)
        if self.rnd.random() < 0.3 and 'no-map;' not in props and \
           kind != 'overlap':
            props.append('no-map;')
        self.add(name, props)
        self.bad.append((name, kind))
        return True

    def fuzz(self, k, kinds):
        i = 0
        while i < k:
            if self.fuzz_node(i, self.rnd.choice(kinds)):
                i += 1

    def add_memreserve(self, n):
        for _ in range(n):
            self.memreserve.append(self.take_slot([1 * MiB]))

    def trap_memreserve(self):
        base, size = self.memreserve[0]
        self.add('trap', ['size = <%s>;' % cells(size, 2),
                          'alloc-ranges = %s;' % self.reg(base, size)])

    def render(self, addr_cells=2):
        out = ['\treserved-memory {',
               '\t\t#address-cells = <0x%x>;' % addr_cells,
               '\t\t#size-cells = <0x2>;', '\t\tranges;', '']
        for name, props in self.nodes:
            out.append('\t\t%s {' % name)
            out += ['\t\t\t' + p for p in props]
            out += ['\t\t};', '']
        out.append('\t};')
        return '\n'.join(out) + '\n'


# ---- Random mode (--random) ---------------------------------------------
# Everything below comes from the seed alone. The layout keeps the kernel's
# own memory out of the way: the kernel, the DTB and the initrd live in the
# first 512 MiB of RAM (QEMU loads them there), so only a small no-map
# carve-out at the very bottom of RAM goes there; static regions use the
# static window, dynamic ones with alloc-ranges use the range windows and the
# others are placed by memblock top-down in the rest.
NOMAP_CAP = 8000	# no-map regions per DT (memblock.memory splits), --nomap-cap
PROFILES = ('small', 'large', 'nomap', 'collide')	# seed % 4
DYN_BUDGET = 192 * MiB	# all dynamic regions together
RANGE_WIN = 64 * MiB	# one alloc-ranges window
RANGE_FILL = 32 * MiB	# what the dynamic regions of one window may take
			# (tests/rmem/oracle.py: the room left must hold
			# this plus its SLACK, 16 MiB)
OUTSIDE = 0x200000000	# static regions outside RAM go here (8 GiB)


def log_size(rnd, lo, hi):
    """A page multiple between lo and hi, log-uniform (4 KiB .. 64 MiB)."""
    if hi <= lo:
        return lo
    v = int(2 ** rnd.uniform(lo.bit_length() - 1, hi.bit_length() - 1))
    return max(lo, min(hi, v // PAGE * PAGE))


class Random:
    def __init__(self, seed, ram_base, ram_size, nomap_cap=NOMAP_CAP):
        self.seed = seed
        self.rnd = random.Random('dtgen-random-%d' % seed)
        self.base = ram_base
        self.end = ram_base + ram_size
        self.cap = nomap_cap
        self.nomap = 0
        self.nodes = []		# (name, props)
        self.late = []		# appended after every other node
        self.memreserve = []
        self.statics = []	# [name, base, size, nomap]
        self.static_lo = ram_base + 512 * MiB
        # the top 128 MiB of the static window hold one big static region
        self.static_hi = ram_base + 1152 * MiB
        self.win_lo = ram_base + 1280 * MiB
        self.nwin = 6
        self.win_fill = [0] * self.nwin
        self.big_align = 0
        self.profile = PROFILES[seed % len(PROFILES)]

    def reg(self, base, size):
        return '<%s %s>' % (cells(base, 2), cells(size, 2))

    def want_nomap(self, share):
        if self.nomap < self.cap and self.rnd.random() < share:
            self.nomap += 1
            return True
        return False

    def plan(self, nstatic):
        window = self.static_hi - self.static_lo
        nslots = nstatic
        if self.rnd.random() < 0.7:
            nslots = max(nstatic, self.rnd.choice((24, 96, 400)))
        nslots = max(nslots, 1)
        self.slot = window // nslots // PAGE * PAGE
        if self.slot < 4 * PAGE:
            sys.exit('dtgen: %d static regions do not fit' % nstatic)
        self.slots = sorted(self.rnd.sample(range(nslots), nstatic))

    def take_slot(self):
        slot = self.slots.pop(self.rnd.randrange(len(self.slots)))
        size = log_size(self.rnd, PAGE, min(64 * MiB, self.slot - 2 * PAGE))
        lo = self.static_lo + slot * self.slot + PAGE
        room = (self.slot - 2 * PAGE - size) // PAGE
        return lo + self.rnd.randint(0, room) * PAGE, size

    def pool(self, props):
        """Some regions are shared-dma-pool ones (the coherent pool's
        handler initialises those that are not reusable)."""
        if self.rnd.random() < 0.03:
            props.insert(0, 'compatible = "shared-dma-pool";')

    def static(self, i, share):
        base, size = self.take_slot()
        props = ['reg = %s;' % self.reg(base, size)]
        nomap = self.want_nomap(share)
        if nomap:
            props.append('no-map;')
        elif self.rnd.random() < 0.3:
            props.append('reusable;')
        self.pool(props)
        name = 's%d@%x' % (i, base)
        self.statics.append([name, base, size, nomap])
        self.nodes.append((name, props))

    def dynamic(self, i, m, share, spent):
        cap = max(PAGE, DYN_BUDGET // max(m, 1))
        size = log_size(self.rnd, PAGE, min(64 * MiB, 3 * cap))
        if spent + size > DYN_BUDGET:
            size = PAGE
        props = ['size = <%s>;' % cells(size, 2)]
        aligns = [0, 0, PAGE, 0x10000]
        if self.big_align < 32:
            aligns += [1 * MiB, 2 * MiB]
        align = self.rnd.choice(aligns)
        if align >= MiB:
            self.big_align += 1
        if align:
            props.append('alignment = <%s>;' % cells(align, 2))
        w = self.rnd.randrange(self.nwin)
        need = size + max(align, 64)
        if self.rnd.random() < 0.45 and self.win_fill[w] + need <= RANGE_FILL:
            self.win_fill[w] += need
            rng = self.reg(self.win_lo + w * RANGE_WIN, RANGE_WIN)
            if self.rnd.random() < 0.3:
                # a first range outside RAM: the kernel tries the next one
                rng = '<%s %s %s' % (cells(0x10000000, 2),
                                     cells(16 * MiB, 2), rng[1:])
            props.append('alloc-ranges = %s;' % rng)
        if self.want_nomap(share * 0.6):
            props.append('no-map;')
        elif self.rnd.random() < 0.25:
            props.append('reusable;')
        self.pool(props)
        self.nodes.append(('d%d' % i, props))
        return size

    # -- deliberate collisions: all late in the tree, after their targets --
    def overlap(self, i, nomap):
        """A static region over half of an earlier static one and a page
        past it (into the gap of the slot). With no-map over a region that
        is reserved (not no-map) it must be refused; otherwise both are
        registered and reported as overlapping."""
        cand = [t for t in self.statics if not nomap or not t[3]]
        if not cand:
            return
        t = self.rnd.choice(cand)
        self.statics.remove(t)
        _, b, sz, _ = t
        base = b + (sz // 2 // PAGE) * PAGE
        size = sz - (base - b) + PAGE
        props = ['reg = %s;' % self.reg(base, size)]
        if nomap and self.want_nomap(1):
            props.append('no-map;')
            name = 'ovn%d@%x' % (i, base)
        else:
            name = 'ov%d@%x' % (i, base)
        self.late.append((name, props))

    def outside(self, i):
        base = OUTSIDE + i * 16 * MiB
        props = ['reg = %s;' % self.reg(base, log_size(self.rnd, PAGE,
                                                        16 * MiB))]
        if self.rnd.random() < 0.5:
            props.append('no-map;')
        self.late.append(('out%d@%x' % (i, base), props))

    def nofit(self, i):
        kind = self.rnd.choice(('small-range', 'no-ram', 'huge'))
        size = 64 * MiB
        if kind == 'small-range':
            lo = self.win_lo + self.rnd.randrange(self.nwin) * RANGE_WIN
            props = ['size = <%s>;' % cells(size, 2),
                     'alloc-ranges = %s;' % self.reg(lo, 32 * MiB)]
        elif kind == 'no-ram':
            props = ['size = <%s>;' % cells(PAGE, 2),
                     'alloc-ranges = %s;' % self.reg(0x10000000, 16 * MiB)]
        else:
            props = ['size = <%s>;' % cells(self.end - self.base + GiB, 2)]
        if self.rnd.random() < 0.3:
            props.append('no-map;')
        self.late.append(('nofit%d-%s' % (i, kind), props))

    def trap(self, i):
        """A dynamic region whose only alloc-range is a /memreserve/ entry."""
        b, sz = self.rnd.choice(self.memreserve)
        self.late.append(('trap%d' % i, ['size = <%s>;' % cells(sz, 2),
                                         'alloc-ranges = %s;' %
                                         self.reg(b, sz)]))

    def carveout(self, where):
        if where == 'top':
            size = self.rnd.choice((4 * KiB, 4 * MiB, 16 * MiB, 64 * MiB))
            base = self.end - size
        else:
            size = self.rnd.choice((4 * KiB, 64 * KiB, 1 * MiB))
            base = self.base
        self.nomap += 1
        self.late.append(('carveout-%s@%x' % (where, base),
                          ['reg = %s;' % self.reg(base, size), 'no-map;']))

    def make(self):
        r = self.rnd
        total = {'small': lambda: r.randint(8, 300),
                 'large': lambda: r.randint(2000, 8000),
                 'nomap': lambda: r.randint(2000, 8000),
                 'collide': lambda: r.randint(40, 600)}[self.profile]()
        share = {'small': r.uniform(0, 0.6), 'large': r.uniform(0.1, 0.5),
                 'nomap': r.uniform(0.85, 1.0),
                 'collide': r.uniform(0.2, 0.6)}[self.profile]
        ncoll = r.randint(10, 40) if self.profile == 'collide' else \
            r.randint(1, 3)
        carves = [w for w in ('top', 'bottom') if r.random() < 0.6]
        self.cap -= len(carves) + ncoll		# room for the late ones
        n = int(total * r.uniform(*((0.5, 0.9) if self.profile == 'nomap'
                                    else (0.2, 0.8))))
        m = total - n
        nmr = r.randint(1, 4)
        self.plan(n + nmr)
        for _ in range(nmr):
            b, _ = self.take_slot()
            self.memreserve.append((b, PAGE * r.choice((1, 16, 256))))
        # one big region of each kind (16 to 64 MiB), whatever the counts
        size = r.choice((64 * MiB, log_size(r, 16 * MiB, 64 * MiB)))
        base = self.static_hi + r.randrange(0, 64 * MiB, PAGE)
        props = ['reg = %s;' % self.reg(base, size)]
        if self.want_nomap(share):
            props.append('no-map;')
        self.statics.append(['big@%x' % base, base, size, 'no-map;' in props])
        self.nodes.append(('big@%x' % base, props))
        spent = r.choice((64 * MiB, log_size(r, 16 * MiB, 64 * MiB)))
        self.nodes.append(('dbig', ['size = <%s>;' % cells(spent, 2)]))
        for i in range(n):
            self.static(i, share)
        for i in range(m):
            spent += self.dynamic(i, m, share, spent)
        r.shuffle(self.nodes)
        self.cap += len(carves) + ncoll
        for i in range(ncoll):
            self.overlap(i, nomap=False)
            self.overlap(ncoll + i, nomap=True)
            self.outside(i)
            self.nofit(i)
            if i < 2:
                self.trap(i)
        for w in carves:
            self.carveout(w)
        r.shuffle(self.late)
        self.nodes += self.late
        sys.stderr.write('dtgen: random seed %d profile %s: %d static, %d '
                         'dynamic, %d late (collisions, carve-outs %s), %d '
                         '/memreserve/, %d no-map (cap %d)\n' %
                         (self.seed, self.profile, n, m, len(self.late),
                          '+'.join(carves) or 'none', nmr, self.nomap,
                          self.cap))

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
    ap.add_argument('--fuzz', type=int, default=0, metavar='K',
                    help='add K defective nodes of random kinds')
    ap.add_argument('--kinds', default=','.join(KINDS),
                    help='defect kinds --fuzz draws from (comma-separated)')
    ap.add_argument('--root-defect', action='store_true',
                    help='#address-cells of /reserved-memory does not match '
                    'the root (kind root-cells)')
    ap.add_argument('--sidecar', help='write "NAME KIND" per defective node')
    ap.add_argument('--memreserve', type=int, default=0)
    ap.add_argument('--trap-memreserve', action='store_true')
    ap.add_argument('--nomap-share', type=float, default=0.5, metavar='F',
                    help='share of the static regions that are no-map')
    ap.add_argument('--carveout', action='append', default=[],
                    choices=('top', 'bottom'),
                    help='a late static no-map carve-out of 4 MiB at the '
                    'top of RAM or below the static window')
    ap.add_argument('--extra', action='append', default=[],
                    help='raw node text added to /reserved-memory')
    ap.add_argument('--random', action='store_true',
                    help='the whole DT from --seed (random mode)')
    ap.add_argument('--nomap-cap', type=int, default=NOMAP_CAP, metavar='C',
                    help='random mode: at most C no-map regions')
    ap.add_argument('--dts', action='store_true', help='write DTS, not DTB')
    ap.add_argument('--list-kinds', action='store_true')
    ap.add_argument('input', nargs='?')
    ap.add_argument('output', nargs='?')
    a = ap.parse_args()
    if a.list_kinds:
        for k, v in KINDS.items():
            print('%-14s %s' % (k, v))
        print('%-14s %s' % ('root-cells', '#address-cells of /reserved-memory'
                            ' differs from the root (--root-defect)'))
        return
    if not a.output:
        ap.error('input and output are required')
    kinds = a.kinds.split(',')
    for k in kinds:
        if k not in KINDS:
            ap.error('unknown kind %s' % k)

    dts = dtc(['-I', 'dtb', '-O', 'dts'], open(a.input, 'rb').read()).decode()
    if 'reserved-memory' in dts:
        sys.exit('dtgen: the input already has /reserved-memory')
    if a.random:
        g = Random(a.seed, *memory_range(dts), nomap_cap=a.nomap_cap)
        g.make()
        write(a, dts, g.render(), g.memreserve)
        return
    g = Gen(a.seed, *memory_range(dts), nomap_share=a.nomap_share)
    g.plan_static(a.static + a.memreserve + 2 * a.fuzz)
    g.add_memreserve(a.memreserve)
    for i in range(a.static):
        g.static(i)
    for i in range(a.dynamic):
        g.dynamic(i, a.dynamic)
    for where in a.carveout:
        g.carveout(where)
    if a.malformed:
        g.malformed()
    if a.fuzz:
        g.fuzz(a.fuzz, kinds)
    if a.trap_memreserve:
        if not g.memreserve:
            sys.exit('dtgen: --trap-memreserve needs --memreserve')
        g.trap_memreserve()
    addr_cells = 2
    if a.root_defect:
        addr_cells = 1
        g.bad.append(('reserved-memory', 'root-cells'))
    text = g.render(addr_cells)
    for extra in a.extra:
        text = text[:-len('\t};\n')] + '\t\t' + extra + '\n\t};\n'

    if a.sidecar:
        with open(a.sidecar, 'w') as f:
            for name, kind in g.bad:
                f.write('%s %s\n' % (name, kind))
    write(a, dts, text, g.memreserve)


def write(a, dts, text, memreserve):
    # insert the node at the end of the root node
    idx = dts.rindex('};')
    dts = dts[:idx] + text + dts[idx:]
    rsv = ''.join('/memreserve/ 0x%x 0x%x;\n' % r for r in memreserve)
    dts = dts.replace('/dts-v1/;\n', '/dts-v1/;\n' + rsv, 1)
    if a.dts:
        open(a.output, 'w').write(dts)
    else:
        open(a.output, 'wb').write(dtc(['-I', 'dts', '-O', 'dtb'],
                                       dts.encode()))


if __name__ == '__main__':
    main()
